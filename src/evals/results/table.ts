/**
 * The run as a terminal table: one row per case (status, passes k/N, pass rate with its 95%
 * interval, time), then each failed or errored case with its reasons, then one summary line.
 */
import type { CaseResult, CaseStatus, EvalRunResult } from './schema.js';

/** Colours to apply; identity functions give plain text. */
export interface Paint {
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  dim(text: string): string;
}

export const PLAIN: Paint = { green: (t) => t, red: (t) => t, yellow: (t) => t, dim: (t) => t };

const MARK: Record<CaseStatus, string> = {
  pass: '✓',
  fail: '✗',
  xfail: 'xfail',
  xpass: 'xpass',
  error: 'error',
};

function mark(status: CaseStatus, paint: Paint): string {
  const text = MARK[status].padEnd(5);
  if (status === 'pass') return paint.green(text);
  if (status === 'xfail' || status === 'xpass') return paint.yellow(text);
  return paint.red(text);
}

export function percent(rate: number): string {
  return `${Math.round(rate * 100)}%`;
}

export function formatSeconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function caseLabel(c: CaseResult, multipleSuites: boolean): string {
  return multipleSuites ? `${c.suite} › ${c.name}` : c.name;
}

/** The reasons a case did not pass: each failed repeat's error or failed assertions, one a line. */
export function failureLines(c: CaseResult): string[] {
  const lines: string[] = [];
  for (const r of c.repeats) {
    if (r.pass) continue;
    const prefix = c.repeats.length > 1 ? `repeat ${r.index + 1}: ` : '';
    if (r.error !== undefined) lines.push(`${prefix}error: ${r.error}`);
    for (const a of r.assertions.filter((x) => !x.pass)) lines.push(`${prefix}${a.type}: ${a.reason}`);
    if (r.error === undefined && r.assertions.every((a) => a.pass))
      lines.push(`${prefix}score ${r.score.toFixed(2)} below the case threshold`);
  }
  return lines;
}

export function renderTable(result: EvalRunResult, paint: Paint = PLAIN): string {
  const multiple = result.suites.length > 1;
  const labels = result.cases.map((c) => caseLabel(c, multiple));
  const width = Math.max(4, ...labels.map((l) => l.length));
  const rows = result.cases.map((c, i) => {
    const passes = `${c.passes}/${c.repeats.length}`.padStart(5);
    const gate = paint.dim(`gate ${c.gate.k}/${c.gate.n}`);
    const rate = `${percent(c.passRate).padStart(4)} ${paint.dim(`[${percent(c.interval.low)}–${percent(c.interval.high)}]`)}`;
    const cached = c.repeats.every((r) => r.cached) && c.repeats.length > 0 ? paint.dim(' cached') : '';
    return `${mark(c.status, paint)} ${(labels[i] as string).padEnd(width)}  ${passes} ${gate}  ${rate}  ${formatSeconds(c.durationMs)}${cached}`;
  });
  const out = [rows.join('\n')];
  const notable = result.cases.filter(
    (c) => c.status === 'fail' || c.status === 'error' || c.status === 'xpass',
  );
  for (const c of notable) {
    const label = caseLabel(c, true);
    if (c.status === 'xpass') {
      out.push(`${paint.yellow(`${label}: unexpectedly passed`)} (xfail: ${c.xfail}); remove its xfail`);
      continue;
    }
    const lines = failureLines(c);
    out.push(
      [
        paint.red(`${label}: ${c.status === 'error' ? 'error' : 'failed'}`),
        ...lines.map((l) => `  ${l}`),
      ].join('\n'),
    );
  }
  out.push(summaryLine(result, paint));
  return `${out.join('\n\n')}\n`;
}

export function summaryLine(result: EvalRunResult, paint: Paint = PLAIN): string {
  const s = result.summary;
  const parts = [
    paint.green(`${s.passed} passed`),
    s.failed > 0 ? paint.red(`${s.failed} failed`) : `${s.failed} failed`,
    ...(s.errored > 0 ? [paint.red(`${s.errored} errored`)] : []),
    ...(s.xfailed > 0 ? [paint.yellow(`${s.xfailed} xfail`)] : []),
    ...(s.xpassed > 0 ? [paint.yellow(`${s.xpassed} unexpectedly passed`)] : []),
  ];
  const suites = `${s.suites} suite${s.suites === 1 ? '' : 's'}`;
  const repeats = `${s.repeats} run${s.repeats === 1 ? '' : 's'}, ${s.cachedRepeats} cached`;
  return `${parts.join(', ')} (${percent(s.passRate)}) in ${suites}, ${s.cases} cases; ${repeats}; ${formatSeconds(result.finishedAt - result.startedAt)}`;
}
