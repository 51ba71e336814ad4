/**
 * The facts one case's analysis reads, taken from its report and trace: the hypotheses in the
 * order the report gives them, the service graph and the changes read (the trace's investigation
 * context), the missing sources, which tools' outputs named each service, and the changes the
 * changes tool returned. Pure: the caller reads the files or the store.
 */
import { z } from 'zod';
import { NightshiftError, type Report, reportSchema } from '../core/index.js';
import { contextOfTrace } from '../investigate/index.js';
import { type TraceRecord, traceRecordSchema } from '../tracing/index.js';

/** One hypothesis as the report shows it: the root cause first (it carries no id or score). */
export interface ShownHypothesis {
  id?: string;
  service: string;
  category: string;
  score?: number;
  changeId?: string;
  weaknesses: string[];
}

/** A change the changes tool returned (what the trace kept of it). */
export interface SeenChange {
  id: string;
  service: string;
  kind: string;
}

export interface CaseFacts {
  /** The brain that investigated (the trace's `nightshift.brain`), `builtin` when not recorded. */
  brain: string;
  report: Report;
  hypotheses: ShownHypothesis[];
  /** Service → the services it calls; undefined for a trace without its investigation context. */
  dependsOn: ReadonlyMap<string, readonly string[]> | undefined;
  /** Ids of the changes the investigation read; undefined when the context was not kept. */
  changeIds: readonly string[] | undefined;
  /** Service → the tools whose output named it. */
  seenBy: ReadonlyMap<string, readonly string[]>;
  changes: readonly SeenChange[];
}

/** What an analysis needs of an investigation: its report and trace (a stored one has more). */
export const investigationPartsSchema = z.object({ report: reportSchema, trace: traceRecordSchema });

/** Parses a stored investigation's report and trace; BAD_INPUT naming `where` and the field. */
export function parseInvestigationParts(
  json: unknown,
  where: string,
): { report: Report; trace: TraceRecord } {
  const parsed = investigationPartsSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new NightshiftError(
    'BAD_INPUT',
    `${where}: field ${issue?.path.join('.') || '(top)'}: ${issue?.message ?? 'not an investigation'}`,
    { hint: 'run the backtest again with this version, or export it again' },
  );
}

const SERVICE_FIELD = /"service":"((?:[^"\\]|\\.)*)"/g;
// Changes as the recent_changes tool writes them; a regex, because a long output is cut in the trace.
const CHANGE_FIELDS = /"id":"((?:[^"\\]|\\.)*)","service":"((?:[^"\\]|\\.)*)","kind":"((?:[^"\\]|\\.)*)"/g;

/** The facts of one investigation. */
export function caseFacts(report: Report, trace: TraceRecord): CaseFacts {
  const context = contextOfTrace(trace);
  const brainAttr = trace.spans.find((s) => s.kind === 'investigation')?.attributes['nightshift.brain'];
  const seenBy = new Map<string, string[]>();
  const changes = new Map<string, SeenChange>();
  for (const span of trace.spans) {
    if (span.kind !== 'tool') continue;
    const tool = String(span.attributes['gen_ai.tool.name'] ?? span.name);
    const output = span.attributes['nightshift.tool.output'];
    if (typeof output !== 'string') continue;
    for (const [, service] of output.matchAll(SERVICE_FIELD)) {
      const tools = seenBy.get(service as string) ?? [];
      if (!tools.includes(tool)) seenBy.set(service as string, [...tools, tool]);
    }
    for (const [, id, service, kind] of output.matchAll(CHANGE_FIELDS))
      changes.set(id as string, { id: id as string, service: service as string, kind: kind as string });
  }
  const { rootCause } = report;
  return {
    brain: typeof brainAttr === 'string' ? brainAttr : 'builtin',
    report,
    hypotheses: [
      {
        service: rootCause.service,
        category: rootCause.category,
        ...(rootCause.changeId === undefined ? {} : { changeId: rootCause.changeId }),
        weaknesses: [],
      },
      ...report.alternatives.map((h) => ({
        id: h.id,
        service: h.service,
        category: h.category,
        score: h.score,
        ...(h.changeId === undefined ? {} : { changeId: h.changeId }),
        weaknesses: h.weaknesses,
      })),
    ],
    dependsOn: context && new Map(Object.entries(context.services)),
    changeIds: context?.changeIds,
    seenBy,
    changes: [...changes.values()],
  };
}

/**
 * The call path from `from` to `to` through the services each calls (breadth first, so the
 * shortest), or undefined when `from` does not depend on `to`.
 */
export function callPath(
  dependsOn: ReadonlyMap<string, readonly string[]>,
  from: string,
  to: string,
): string[] | undefined {
  const previous = new Map<string, string>([[from, from]]);
  const queue = [from];
  while (queue.length > 0) {
    const s = queue.shift() as string;
    if (s === to && s !== from) {
      const path = [s];
      while (path[0] !== from) path.unshift(previous.get(path[0] as string) as string);
      return path;
    }
    for (const next of dependsOn.get(s) ?? []) {
      if (previous.has(next)) continue;
      previous.set(next, s);
      queue.push(next);
    }
  }
  return undefined;
}
