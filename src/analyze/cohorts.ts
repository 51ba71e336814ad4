/**
 * Cohorts: the findings of every analysed case grouped by failure kind and sub-key, largest first.
 * A case with two findings (a wrong answer said at HIGH) is in two cohorts: each is a separate
 * change to make. Pure.
 */
import type { CaseAnalysis, Cohort, FailureKind, Finding } from './schema.js';

/** What each kind means, for the cohort's "what goes wrong" (docs/analyze.md says the same). */
export const KIND_TITLES: Record<FailureKind, string> = {
  investigation_failed: 'the investigation failed',
  missing_source: 'a source the answer depended on was missing',
  victim_blamed: 'a victim was taken for the cause',
  outranked: 'the true cause was examined but out-ranked',
  never_examined: 'the true cause was never examined',
  wrong_category: 'right service, wrong category',
  change_not_linked: 'the causing change was not linked',
  false_change: 'a change was named where none caused it',
  overconfident: 'wrong at HIGH confidence',
  underconfident: 'right at LOW confidence',
  other: 'other',
};

export function cohortId(f: Pick<Finding, 'kind' | 'subKey'>): string {
  return f.subKey === undefined ? f.kind : `${f.kind}:${f.subKey}`;
}

/** The most common value of `key` (ties: the first seen), for a cohort's code pointer and proposal. */
function commonest<T>(items: readonly T[], key: (t: T) => string): T {
  const counts = new Map<string, number>();
  for (const t of items) counts.set(key(t), (counts.get(key(t)) ?? 0) + 1);
  let best = items[0] as T;
  for (const t of items) if ((counts.get(key(t)) ?? 0) > (counts.get(key(best)) ?? 0)) best = t;
  return best;
}

/** The cohorts of `analyses`, most cases first (then by id, so the order is stable). */
export function groupCohorts(analyses: readonly CaseAnalysis[]): Cohort[] {
  const groups = new Map<string, { findings: Finding[]; cases: string[] }>();
  for (const a of analyses) {
    for (const f of a.findings) {
      const id = cohortId(f);
      const group = groups.get(id) ?? { findings: [], cases: [] };
      group.findings.push(f);
      if (!group.cases.includes(a.caseId)) group.cases.push(a.caseId);
      groups.set(id, group);
    }
  }
  return [...groups]
    .map(([id, { findings, cases }]): Cohort => {
      const first = findings[0] as Finding;
      const code = commonest(findings, (f) => `${f.code.file}#${f.code.function}`).code;
      const title = `${KIND_TITLES[first.kind]}${first.subKey === undefined ? '' : ` (${first.subKey})`}`;
      return {
        id,
        kind: first.kind,
        ...(first.subKey === undefined ? {} : { subKey: first.subKey }),
        title,
        whatGoesWrong: `In ${cases.length} case${cases.length === 1 ? '' : 's'} ${KIND_TITLES[first.kind]}; in ${cases[0]}, ${first.summary}.`,
        proposal: commonest(findings, (f) => f.proposal).proposal,
        code,
        cases: [...cases].sort(),
      };
    })
    .sort((a, b) => b.cases.length - a.cases.length || a.id.localeCompare(b.id));
}
