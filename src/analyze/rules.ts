/**
 * The built-in analyser: small rules, each reading one wrong or shaky verdict of a case against
 * the facts of its trace and report, and naming the stage that decided it (so the code pointer
 * comes from stages.ts, never from the case). Deterministic and offline. Each rule is pinned by a
 * row of rules.test.ts.
 *
 * Symptoms are explained once: a wrong root cause by a missing telemetry source, else a victim
 * taken for the cause, else the truth out-ranked, else never examined; a wrong category or a
 * missed change on the right service by a missing changes source when there was one; the
 * confidence is judged on its own, because a wrong answer said at HIGH is a second defect.
 */
import type { BacktestCase } from '../backtest/index.js';
import { type CaseFacts, callPath } from './facts.js';
import type { FailureKind, Finding } from './schema.js';
import { codeOf, type StageName } from './stages.js';

/** A rule: a finding about `c`, or undefined when its symptom is absent or explained elsewhere. */
export type Rule = (c: BacktestCase, f: CaseFacts) => Finding | undefined;

interface Draft {
  subKey?: string;
  summary: string;
  evidence: string[];
  proposal: string;
}

function finding(kind: FailureKind, stage: StageName, f: CaseFacts, d: Draft): Finding {
  return {
    kind,
    ...(d.subKey === undefined ? {} : { subKey: d.subKey }),
    summary: d.summary,
    evidence: d.evidence,
    code: codeOf(stage, f.brain),
    proposal: d.proposal,
  };
}

/** Sources whose absence can hide the root cause itself (changes only when the truth names one). */
const TELEMETRY = /^(metrics|logs|traces|query_metrics|log_patterns|trace_errors)$/;

function missingFor(c: BacktestCase, f: CaseFacts, forChange: boolean) {
  return f.report.missingSources.filter(
    (m) =>
      (!forChange && TELEMETRY.test(m.source)) ||
      (c.expected.change !== undefined && /^(changes|recent_changes)$/.test(m.source)),
  );
}

function missingSource(c: BacktestCase, f: CaseFacts, symptom: string, forChange: boolean) {
  const missing = missingFor(c, f, forChange);
  const first = missing[0];
  if (first === undefined) return undefined;
  return finding('missing_source', 'collect', f, {
    subKey: first.source,
    summary: `${symptom}, and ${missing.map((m) => m.source).join(', ')} ${missing.length > 1 ? 'were' : 'was'} never read: the evidence that decides it was missing`,
    evidence: missing.map((m) => `${m.source}: ${m.reason}`),
    proposal: `make ${first.source} available to the investigation (its connector, credentials, time limit or the bundle), and say LOW rather than a firm answer when it is missing`,
  });
}

/** The answer was wrong and a telemetry source (or the changes, for a change) was missing. */
export const missingForRootCause: Rule = (c, f) =>
  c.top1
    ? undefined
    : missingSource(
        c,
        f,
        `the root cause was ${c.expected.service}, not ${f.report.rootCause.service}`,
        false,
      );

/** The answer calls the true cause, directly or through others: a victim taken for the cause. */
export const victimBlamed: Rule = (c, f) => {
  const answer = f.report.rootCause.service;
  if (c.top1 || f.dependsOn === undefined) return undefined;
  const path = callPath(f.dependsOn, answer, c.expected.service);
  if (path === undefined) return undefined;
  const examined = f.hypotheses.some((h) => h.service === c.expected.service);
  return finding('victim_blamed', 'victims', f, {
    subKey: examined ? 'truth examined' : 'truth never examined',
    summary: `${answer} was blamed, but it calls ${c.expected.service} (${path.join(' → ')}), the true cause: its anomalies were a symptom`,
    evidence: [
      `call path: ${path.join(' → ')}`,
      examined
        ? `${c.expected.service} was a hypothesis but ranked below its caller`
        : `${c.expected.service} was not among the hypotheses`,
    ],
    proposal: `when a suspect's anomalies are explained by a dependency that is also anomalous (${answer} → ${c.expected.service}), credit the dependency: strengthen the victim discount`,
  });
};

function evidenceKinds(f: CaseFacts, service: string): Map<string, number> {
  const kinds = new Map<string, number>();
  for (const e of f.report.evidence)
    if (e.service === service) kinds.set(e.kind, Math.max(kinds.get(e.kind) ?? 0, e.strength));
  return kinds;
}

/** The truth was a hypothesis but another came first: by the ranking, or after the review. */
export const outranked: Rule = (c, f) => {
  if (c.top1) return undefined;
  const at = f.hypotheses.findIndex((h) => h.service === c.expected.service);
  const truth = f.hypotheses[at];
  if (truth === undefined) return undefined;
  const winner = f.report.rootCause.service;
  // The ranker numbers hypotheses h1, h2, … before the review: a truth that was h1 lost in review.
  const byReview = truth.id === 'h1';
  const theirs = evidenceKinds(f, winner);
  const ours = evidenceKinds(f, c.expected.service);
  const decisive = [...theirs].filter(([k]) => !ours.has(k)).sort((a, b) => b[1] - a[1])[0];
  const subKey = byReview
    ? 'review'
    : decisive
      ? `${decisive[0]} evidence`
      : 'stronger evidence of the same kinds';
  const show = (m: Map<string, number>) =>
    [...m].map(([k, s]) => `${k} ${s.toFixed(2)}`).join(', ') || 'none in the report';
  return finding('outranked', byReview ? 'review' : 'ranking', f, {
    subKey,
    summary: byReview
      ? `${c.expected.service} ranked first until the review's penalties put ${winner} ahead`
      : `${c.expected.service} was hypothesis ${at + 1} behind ${winner}${decisive ? `, which had ${decisive[0]} evidence it lacked` : ''}`,
    evidence: [
      `${c.expected.service}: score ${truth.score?.toFixed(2) ?? '?'} (${truth.id ?? 'no id'}), weaknesses: ${truth.weaknesses.join('; ') || 'none'}`,
      `${winner}'s evidence: ${show(theirs)}`,
      `${c.expected.service}'s evidence: ${show(ours)}`,
    ],
    proposal: byReview
      ? `the review penalised the true cause below ${winner}: check which weakness fired on it and whether its penalty is justified`
      : `${decisive ? `${decisive[0]} evidence` : 'the evidence'} on ${winner} out-weighed the true cause's: revisit how much that kind of evidence adds to a suspect's score`,
  });
};

/** The truth never became a hypothesis: not in the graph, never named by a tool, or cut. */
export const neverExamined: Rule = (c, f) => {
  const truth = c.expected.service;
  if (c.top1 || f.hypotheses.some((h) => h.service === truth)) return undefined;
  const tools = f.seenBy.get(truth) ?? [];
  const inGraph = f.dependsOn === undefined || f.dependsOn.has(truth);
  const stage: StageName = !inGraph ? 'graph' : tools.length === 0 ? 'signals' : 'shortlist';
  const subKey = { graph: 'not in graph', signals: 'no signal', shortlist: 'below the cut' }[
    stage as 'graph' | 'signals' | 'shortlist'
  ];
  return finding('never_examined', stage, f, {
    subKey,
    summary: `${truth} was never a hypothesis: ${
      !inGraph
        ? 'it is not in the service graph'
        : tools.length === 0
          ? 'no specialist tool reported anything on it'
          : `${tools.join(', ')} reported on it, but it did not make the shortlist`
    }`,
    evidence: [
      `hypotheses: ${f.hypotheses.map((h) => h.service).join(', ')}`,
      `tools that named ${truth}: ${tools.join(', ') || 'none'}`,
    ],
    proposal: !inGraph
      ? `add ${truth} to the graph (topology or spans) so it can be a suspect`
      : tools.length === 0
        ? `the signal that shows ${truth}'s fault (${c.expected.category}) is not detected: add it to the specialists' analyses`
        : `${truth}'s signals from ${tools.join(', ')} scored too low to be kept: weigh them more`,
  });
};

/** Right service, wrong category. */
export const wrongCategory: Rule = (c, f) => {
  if (!c.top1 || c.category) return undefined;
  const answered = f.report.rootCause.category;
  const symptom = `the category was ${c.expected.category}, not ${answered}`;
  return (
    missingSource(c, f, symptom, true) ??
    finding('wrong_category', 'category', f, {
      subKey: `${c.expected.category} → ${answered}`,
      summary: `${c.expected.service} was right but filed as ${answered}, not ${c.expected.category}`,
      evidence: [
        `root cause: ${f.report.rootCause.description}`,
        `its evidence: ${[...evidenceKinds(f, c.expected.service).keys()].join(', ') || 'none in the report'}`,
      ],
      proposal: `categorise reads ${answered} from these signals: add or reorder the rule that recognises ${c.expected.category}`,
    })
  );
};

/** Right service, the causing change not named. */
export const changeNotLinked: Rule = (c, f) => {
  const truth = c.expected.change;
  if (c.change !== false || truth === undefined || !c.top1) return undefined;
  const named = f.report.rootCause.changeId;
  const symptom = `the change ${truth} caused it and was not named`;
  const missing = missingSource(c, f, symptom, true);
  if (missing) return missing;
  const read = f.changeIds === undefined || f.changeIds.includes(truth);
  const subKey = !read ? 'not read' : named !== undefined ? 'another change named' : 'read, not linked';
  return finding('change_not_linked', read ? 'changes' : 'collect', f, {
    subKey,
    summary: !read
      ? `${truth} was not among the changes read for the window`
      : named !== undefined
        ? `${named} was named instead of ${truth}`
        : `${truth} was read but not linked to ${c.expected.service}`,
    evidence: [
      `changes read: ${f.changeIds?.join(', ') ?? 'unknown (no investigation context in the trace)'}`,
      `named: ${named ?? 'none'}`,
    ],
    proposal: !read
      ? `read changes over a longer window before the onset, or from the source that holds ${truth}`
      : `the change score of ${truth} fell below what links a change to its service: revisit closeness and kind weights`,
  });
};

/** A change named where none caused the incident. */
export const falseChange: Rule = (c, f) => {
  const named = f.report.rootCause.changeId;
  if (c.falseChange !== true || named === undefined) return undefined;
  const seen = f.changes.find((ch) => ch.id === named);
  return finding('false_change', 'changes', f, {
    subKey: seen?.kind ?? 'unknown kind',
    summary: `${named}${seen ? ` (${seen.kind} on ${seen.service})` : ''} was named as the cause, but no change caused this incident`,
    evidence: [`root cause: ${f.report.rootCause.description}`],
    proposal: `a ${seen?.kind ?? ''} change near the onset is linked without evidence that it matters: require a fault signature that the change kind explains, or lower that kind's weight`,
  });
};

/** Wrong at HIGH, or right at LOW: the confidence did not match the answer. */
export const miscalibrated: Rule = (c, f) => {
  const { confidence, confidenceReason } = f.report.rootCause;
  if (!c.top1 && confidence === 'HIGH')
    return finding('overconfident', 'confidence', f, {
      summary: `${f.report.rootCause.service} was wrong and said at HIGH confidence`,
      evidence: [`reason given: ${confidenceReason}`],
      proposal:
        'HIGH was granted on a wrong answer: require corroboration from a second source or a wider margin',
    });
  if (c.top1 && confidence === 'LOW') {
    const subKey = /weak/.test(confidenceReason)
      ? 'weak evidence'
      : /nearly as high|close|rival/.test(confidenceReason)
        ? 'close rival'
        : 'other';
    return finding('underconfident', 'confidence', f, {
      subKey,
      summary: `${c.expected.service} was right but said at LOW confidence (${subKey})`,
      evidence: [`reason given: ${confidenceReason}`],
      proposal:
        subKey === 'close rival'
          ? 'a victim or bystander scored nearly as high as the cause: separate them before judging the margin'
          : 'the right answer scored below the MEDIUM threshold: check whether the threshold or the score is off',
    });
  }
  return undefined;
};

/**
 * Explanations of a wrong root cause, most specific first: the first that applies is the one
 * kept (a victim blamed is also "out-ranked", but the victim is what to fix).
 */
export const ROOT_CAUSE_RULES: readonly Rule[] = [
  missingForRootCause,
  victimBlamed,
  outranked,
  neverExamined,
];

/** The other symptoms' rules, each judged on its own, in the order the stages run. */
export const RULES: readonly Rule[] = [wrongCategory, changeNotLinked, falseChange, miscalibrated];

/** Every finding about `c`, one per kind and sub-key (a missing source that explains two symptoms counts once). */
export function diagnose(c: BacktestCase, f: CaseFacts | undefined): Finding[] {
  if (c.error !== undefined || f === undefined) {
    return [
      {
        kind: 'investigation_failed',
        summary: `the investigation failed: ${c.error ?? 'no investigation was stored with the case'}`,
        evidence: [c.error ?? 'no report or trace'],
        code: codeOf('run', f?.brain ?? 'builtin'),
        proposal:
          'find the step that threw in the error and make it return a result (a failed source is a missing source, not a failed run)',
      },
    ];
  }
  const out: Finding[] = [];
  for (const rule of ROOT_CAUSE_RULES) {
    const found = rule(c, f);
    if (found) {
      out.push(found);
      break;
    }
  }
  for (const rule of RULES) {
    const found = rule(c, f);
    if (found && !out.some((o) => o.kind === found.kind && o.subKey === found.subKey)) out.push(found);
  }
  return out;
}
