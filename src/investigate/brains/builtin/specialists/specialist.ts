/**
 * A built-in specialist: one kind of evidence, gathered through one investigation tool. It names
 * the tool and the input it asks with (so a page or `config check` can say what it reads), keeps
 * what it needs of the tool's output (`examine`), hands that to the root-cause ranker (`rank`), and
 * answers for the ranker's evidence items of the kinds it lists (`signals`), so every item in the
 * report names the tool call behind it.
 *
 * Adding one is a file in this folder and a line in `registry.ts`; the runner, the findings type,
 * the ranker's input and each evidence item's provenance all derive from the registry.
 */
import type { RcaInput, SignalItem } from '../../../../analysis/rca/index.js';
import type { Evidence } from '../../../../core/index.js';
import type { ToolInput, ToolName, ToolOutput } from '../../../tools/index.js';

/** The ranker's evidence lists, which specialists fill; the rest of its input is the service graph. */
export type RankerEvidence = Omit<RcaInput, 'services' | 'dependsOn' | 'kinds' | 'onset'>;

export interface Specialist<N extends ToolName = ToolName, F = unknown> {
  /** What it looks for, one line: for docs, pages and `config check`. */
  description: string;
  /** The investigation tool it calls, by its registry name. */
  tool: N;
  /** The input it calls the tool with. */
  input: ToolInput<N>;
  /** What it keeps of the tool's output: its findings. */
  examine(output: ToolOutput<N>): F;
  /** Its findings as the ranker's evidence; lists from several specialists are concatenated. */
  rank(findings: F): Partial<RankerEvidence>;
  /** The ranker's evidence items it answers for: each such item cites this specialist's tool call. */
  signals: readonly SignalItem['kind'][];
  /** How the report files those items. */
  evidenceKind: Evidence['kind'];
}

/** Keeps one specialist's tool, output and findings types tied together (as `defineTool`). */
export function defineSpecialist<N extends ToolName, F>(specialist: Specialist<N, F>): Specialist<N, F> {
  return specialist;
}

/** Enough to take every shift and pattern the analyses found, not a model-sized page. */
export const ALL = 1000;
