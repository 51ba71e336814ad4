/**
 * The built-in reviewer: reads the hypotheses the way a sceptical senior engineer would and writes
 * down what is weak about each — a rival nearly as likely, a suspect that may itself be waiting on
 * a dependency, evidence from one source only, sources that were never checked, a suspect with no
 * path to or from the alert's service. Each weakness carries a penalty; the next round re-ranks with them,
 * so a critique can change the answer, and the conviction it leaves sets the confidence.
 */
import type { Hypothesis } from '../../../core/index.js';
import type { ServiceGraph } from '../../graph.js';
import type { ToolContext } from '../../tools/index.js';
import type { Hypotheses } from './hypotheses.js';
import type { Findings } from './specialists/index.js';

export interface Weakness {
  /** Stable name, for tests and evals. */
  code:
    | 'close_rival'
    | 'may_be_waiting'
    | 'one_source'
    | 'sources_missing'
    | 'unreachable'
    | 'onset_assumed'
    | 'no_signature';
  text: string;
  /** Multiplies the hypothesis' score in the next round (1: no effect on the ranking). */
  penalty: number;
  /** Serious enough to forbid a HIGH confidence. */
  blocksHigh: boolean;
}

export interface Critique {
  weaknesses: Map<string, Weakness[]>;
  /** The strongest alternative to the top hypothesis, if one is close. */
  alternative: string | undefined;
}

/** A rival within this share of the top score is "nearly as likely" (review.test.ts pins it). */
const CLOSE = 0.85;

/** Is the runner-up nearly as likely as the top hypothesis? Both its weakness and the alternative ask. */
function isCloseRival(top: Hypothesis, second: Hypothesis): boolean {
  return second.score >= CLOSE * top.score;
}

export function review(ctx: ToolContext, built: Hypotheses, findings: Findings): Critique {
  const weaknesses = new Map<string, Weakness[]>();
  const [top, second] = built.hypotheses;
  const missing = [
    ...ctx.data.missing.map((m) => `${m.source} (${m.reason})`),
    ...findings.failed.map((f) => `${f.tool} (${f.error})`),
  ];
  for (const h of built.hypotheses) {
    const list: Weakness[] = [];
    const suspect = built.suspects.find((s) => s.service === h.service);
    if (h === top && second && isCloseRival(h, second)) {
      list.push({
        code: 'close_rival',
        text: `${second.service} (${second.category}) is nearly as likely: ${second.score.toFixed(2)} against ${h.score.toFixed(2)}`,
        penalty: 1,
        blocksHigh: true,
      });
    }
    if (suspect?.explainedBy) {
      list.push({
        code: 'may_be_waiting',
        text: `${h.service} depends on ${suspect.explainedBy}, which is also anomalous: it may be a victim`,
        penalty: 0.9,
        blocksHigh: true,
      });
    }
    const kinds = new Set(h.evidenceIds.map((id) => built.evidence.get(id)?.kind));
    if (kinds.size <= 1) {
      list.push({
        code: 'one_source',
        text: `all its evidence is of one kind (${[...kinds].join('') || 'none'}); nothing else corroborates it`,
        penalty: 0.9,
        blocksHigh: true,
      });
    }
    if (missing.length > 0) {
      list.push({
        code: 'sources_missing',
        text: `not checked: ${missing.join(', ')}`,
        penalty: 1,
        blocksHigh: missing.some((m) => /^(metrics|logs)/.test(m)),
      });
    }
    if (!connected(ctx, built, h.service)) {
      list.push({
        code: 'unreachable',
        text: `${h.service} and ${ctx.alert.service}, where the alert fired, do not call each other, directly or through others`,
        penalty: 0.6,
        blocksHigh: true,
      });
    }
    if (h.category === 'other') {
      list.push({
        code: 'no_signature',
        text: `${h.service} is anomalous but shows no signature of a known kind of failure`,
        penalty: 1,
        blocksHigh: true,
      });
    }
    if (ctx.windows.onsetFrom === 'alert') {
      list.push({
        code: 'onset_assumed',
        text: 'no onset was found in the telemetry; the windows assume the trouble began 10 minutes before the alert',
        penalty: 1,
        blocksHigh: true,
      });
    }
    weaknesses.set(h.id, list);
  }
  const alternative = top && second && isCloseRival(top, second) ? second.service : undefined;
  return { weaknesses, alternative };
}

/** Applies a critique: each hypothesis' score times its penalties, re-sorted. */
export function revise(hypotheses: readonly Hypothesis[], critique: Critique): Hypothesis[] {
  return hypotheses
    .map((h) => {
      const list = critique.weaknesses.get(h.id) ?? [];
      const factor = list.reduce((f, w) => f * w.penalty, 1);
      return { ...h, score: h.score * factor, weaknesses: list.map((w) => w.text) };
    })
    .sort((a, b) => b.score - a.score || a.service.localeCompare(b.service));
}

/**
 * Is the suspect on a path to or from the alert's service: calling it or called by it, directly
 * or through others, or explaining (by the ranker's account) a service that is? A cache whose
 * misses overload the database behind the alert's service never sits on its call path.
 */
function connected(ctx: ToolContext, built: Hypotheses, service: string): boolean {
  const onPath = (s: string) =>
    reaches(ctx.graph, ctx.alert.service, s) || reaches(ctx.graph, s, ctx.alert.service);
  return onPath(service) || built.suspects.some((s) => s.explainedBy === service && onPath(s.service));
}

/** Does `from` depend on `to`, directly or through others? A service reaches itself. */
export function reaches(graph: ServiceGraph, from: string, to: string): boolean {
  if (from === to || !graph.services.includes(from)) return true;
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const s = stack.pop() as string;
    if (s === to) return true;
    if (seen.has(s)) continue;
    seen.add(s);
    stack.push(...(graph.dependsOn.get(s) ?? []));
  }
  return false;
}
