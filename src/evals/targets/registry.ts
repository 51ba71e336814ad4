/**
 * Every eval target by name: what a suite's `target: {type: …}` may name. The targets whose output
 * depends on our code put the code version in their identity (the cache key), so a code change is
 * never answered from the cache.
 *
 * The code version is injected rather than read from a module variable: `createTargets` closes
 * over however the caller learns it. The runner, which computes it once per run, passes it in;
 * `targets` (for callers that have none) memoises `codeVersion()` in its own closure, so it is
 * hashed at most once per process and only when a target's identity is first asked for.
 */
import { codeVersion } from '../code-version.js';
import { createInvestigationTarget } from './investigation.js';
import { promptTarget } from './prompt.js';
import { createStepTarget } from './step.js';
import type { EvalTarget } from './target.js';
import { createToolTarget } from './tool.js';

/** What a target needs from the run that it cannot know itself. */
export interface TargetDeps {
  /** The running code's fingerprint (see code-version.ts); cheap after the first call. */
  codeVersion: () => Promise<string>;
}

/** The registry with the run's own way of knowing the code version. */
export function createTargets(deps: TargetDeps) {
  return {
    prompt: promptTarget,
    investigation: createInvestigationTarget(deps),
    tool: createToolTarget(deps),
    step: createStepTarget(deps),
  } satisfies Record<string, EvalTarget>;
}

/** Calls `compute` once, on first use, and shares its promise (a failure is retried next time). */
function once(compute: () => Promise<string>): () => Promise<string> {
  let pending: Promise<string> | undefined;
  return () => {
    pending ??= compute().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}

export const targets = createTargets({ codeVersion: once(() => codeVersion()) });

export type TargetName = keyof typeof targets;
export const TARGET_NAMES = Object.keys(targets) as TargetName[];
