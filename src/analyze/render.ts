/**
 * The markdown `nightshift analyze` writes: one page per case, the cohorts, and the synthesis —
 * the cohorts ranked by cases affected, each with what goes wrong, the change proposed and the
 * file it concerns, worded so that a person can read it and a coding agent can take it as a task.
 */
import type { CaseAnalysis, Cohort } from './schema.js';

function code(c: { file: string; function: string; stage: string }): string {
  return `\`${c.file}\` (\`${c.function}\`, stage ${c.stage})`;
}

export function renderCase(a: CaseAnalysis): string {
  const answered = a.answered
    ? `${a.answered.service}, ${a.answered.category}${a.answered.change ? `, change ${a.answered.change}` : ''}${a.answered.confidence ? ` (${a.answered.confidence})` : ''}`
    : 'no answer';
  const lines = [
    `# Case ${a.caseId}`,
    '',
    `- expected: ${a.expected.service}, ${a.expected.category}${a.expected.change ? `, change ${a.expected.change}` : ''}`,
    `- answered: ${answered}`,
    `- picked because: ${a.reasons.join(', ')}`,
    `- analysed by: ${a.analyser}`,
  ];
  a.findings.forEach((f, i) => {
    lines.push(
      '',
      `## ${i + 1}. ${f.kind}${f.subKey ? ` (${f.subKey})` : ''}`,
      '',
      f.summary,
      '',
      ...f.evidence.map((e) => `- ${e}`),
      '',
      `Decided by ${code(f.code)}.`,
      '',
      `Proposed: ${f.proposal}`,
    );
  });
  return `${lines.join('\n')}\n`;
}

export function renderCohorts(cohorts: readonly Cohort[], analysed: number): string {
  const lines = [`# Cohorts`, '', `${analysed} cases analysed; ${cohorts.length} cohorts, most cases first.`];
  for (const c of cohorts) {
    lines.push(
      '',
      `## ${c.id}: ${c.cases.length} case${c.cases.length === 1 ? '' : 's'}`,
      '',
      c.title,
      '',
      `Code: ${code(c.code)}`,
      '',
      `Cases: ${c.cases.map((id) => `[${id}](cases/${caseFileName(id)}.md)`).join(', ')}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** One synthesis item: a cohort's problem and the change to make, whoever wrote it. */
export interface SynthesisItem {
  cohort: string;
  cases: number;
  title: string;
  whatGoesWrong: string;
  proposal: string;
  file: string;
  function: string;
}

export function synthesisItems(cohorts: readonly Cohort[]): SynthesisItem[] {
  return cohorts.map((c) => ({
    cohort: c.id,
    cases: c.cases.length,
    title: c.title,
    whatGoesWrong: c.whatGoesWrong,
    proposal: c.proposal,
    file: c.code.file,
    function: c.code.function,
  }));
}

export function renderSynthesis(
  items: readonly SynthesisItem[],
  header: { source: string; analysed: number },
): string {
  const lines = [
    '# Synthesis',
    '',
    `${header.source}: ${header.analysed} wrong or shaky cases analysed. The changes below are ranked by the cases they affect; each names the file to change. Make one at a time, then run the backtest again and compare (\`nightshift backtest compare\`).`,
  ];
  if (items.length === 0) lines.push('', 'Nothing to change: no case was wrong or shaky.');
  items.forEach((item, i) => {
    lines.push(
      '',
      `## ${i + 1}. ${item.title} — ${item.cases} case${item.cases === 1 ? '' : 's'}`,
      '',
      `- cohort: \`${item.cohort}\` (cohorts.md)`,
      `- what goes wrong: ${item.whatGoesWrong}`,
      `- proposed change: ${item.proposal}`,
      `- file: \`${item.file}\`, \`${item.function}\``,
    );
  });
  return `${lines.join('\n')}\n`;
}

/** A case id as a file name: ids of suites in sub-folders hold slashes. */
export function caseFileName(caseId: string): string {
  return caseId.replace(/[^A-Za-z0-9._-]/g, '_');
}
