/**
 * The built-in hypothesis builder: the specialists' findings go into the root-cause ranker; each
 * of the top suspects becomes a hypothesis whose evidence items name the tool call behind them.
 */
import { type RcaInput, rankSuspects, type SignalItem, type Suspect } from '../../../analysis/rca/index.js';
import type { Evidence, Hypothesis } from '../../../core/index.js';
import type { ToolContext } from '../../tools/index.js';
import { type Findings, type Provenance, rankerEvidence, SIGNAL_SOURCES } from './specialists/index.js';

export interface Hypotheses {
  suspects: Suspect[];
  hypotheses: Hypothesis[];
  /** Every evidence item any hypothesis cites, by id. */
  evidence: Map<string, Evidence>;
}

/** Hypotheses kept for review; the rest of the ranking is noise for a reader. */
const KEEP = 5;
/** Evidence items cited per hypothesis. */
const EVIDENCE_PER_HYPOTHESIS = 8;

export function buildHypotheses(ctx: ToolContext, findings: Findings): Hypotheses {
  const input: RcaInput = {
    services: ctx.graph.services,
    dependsOn: ctx.graph.dependsOn,
    kinds: ctx.graph.kinds,
    onset: ctx.windows.onset,
    ...rankerEvidence(findings),
  };
  const suspects = rankSuspects(input).filter((s) => s.score > 0);
  const evidence = new Map<string, Evidence>();
  const hypotheses = suspects.slice(0, KEEP).map((s, rank): Hypothesis => {
    const ids = s.evidence.slice(0, EVIDENCE_PER_HYPOTHESIS).map((item, k) => {
      const id = `ev-${rank + 1}-${k + 1}`;
      evidence.set(id, toEvidence(id, s.service, item, findings));
      return id;
    });
    return {
      id: `h${rank + 1}`,
      service: s.service,
      category: s.category,
      description: describe(s),
      score: Math.min(1, Math.max(0, s.score)),
      evidenceIds: ids,
      ...(s.change ? { changeId: s.change.change.id } : {}),
      weaknesses: [],
    };
  });
  return { suspects, hypotheses, evidence };
}

function describe(s: Suspect): string {
  const waiting = s.explainedBy ? `; it may itself be waiting on ${s.explainedBy}` : '';
  const c = s.change?.change;
  let change = '';
  if (c)
    change = s.categoryReason.includes(c.id) ? ` (${c.summary})` : ` after ${c.kind} ${c.id} (${c.summary})`;
  return `${s.service}: ${s.categoryReason}${change}${waiting}`;
}

function toEvidence(id: string, service: string, item: SignalItem, findings: Findings): Evidence {
  const { specialist, evidenceKind } = SIGNAL_SOURCES[item.kind];
  const from: Provenance | undefined = findings[specialist]?.from;
  return {
    id,
    kind: evidenceKind,
    service,
    summary: item.summary,
    strength: Math.min(1, Math.max(0, item.strength)),
    source: from
      ? { tool: from.tool, query: from.query, callId: from.callId }
      : { tool: specialist, query: '' },
  };
}
