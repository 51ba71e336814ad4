import { expect, test } from 'vitest';
import { checkoutBadDeploy, oversizedReport } from '../../../testing/investigate/reports.js';
import type { Report } from '../../core/index.js';
import { renderTerminal, TERMINAL_TOP_EVIDENCE } from './terminal.js';
import { printable, wrap } from './terminal-text.js';

/** An SGR colour sequence: ESC (a control character) then `[…m`. */
const ANSI = /\p{Cc}\[[0-9;]*m/gu;

test('terminal: the whole plain brief, root cause and what was not checked first', () => {
  expect(renderTerminal(checkoutBadDeploy, { color: false })).toEqual(
    [
      'Root cause  checkout: bad deploy HIGH confidence',
      '            3 independent signals agree and the deploy preceded the onset by 2 min',
      '            not checked: traces (timed out after 10 s)',
      '',
      'HighErrorRate on checkout: 5xx responses rose from 0.3% to 21% two minutes after release 2.4.1.',
      '',
      'Impact      services: checkout, api-gateway; since 2026-03-09T14:42:00.000Z; error ratio peak 21.0%; p99 peak 1840 ms',
      'Why         release 2.4.1 of checkout fails on payment calls with NullPointerException',
      'Change      chg-481',
      '',
      'Evidence (strongest 3 of 3)',
      '  1. error_ratio of checkout 0.003 → 0.21 (score 18.2)',
      '     from query_metrics {"service":"checkout","metric":"error_ratio"}',
      '  2. new error pattern (412×): NullPointerException in PaymentClient <!channel> @here',
      '     from log_patterns {"service":"checkout"}',
      '  3. deploy chg-481 2 min before the onset',
      '     from recent_changes {"before":"2026-03-09T14:47:00Z"}',
      '',
      'Alternatives',
      '  - payments: dependency outage, score 0.31; against it: payments error ratio flat',
      '  - postgres: database, score 0.12',
      '',
      'Next actions (safest first)',
      '  1. [rollback] Roll back checkout to 2.4.0 (needs human approval)',
      '     undoes the change that preceded the errors',
      '     $ kubectl -n shop rollout undo deployment/checkout',
      '  2. [scale] Scale checkout up (needs human approval)',
      '     buys headroom while retries pile up',
      '     $ kubectl -n shop scale deployment/checkout --replicas=<current + 50%>',
      '  3. [investigate] Read the new error pattern (needs human approval)',
      '     confirms the failing call path',
      '     $ kubectl -n shop logs deployment/checkout --since=15m | grep PaymentClient',
      '',
      'Timeline (UTC)',
      '  14:40:12  deploy chg-481 on checkout: release `2.4.1` (payments client v3)',
      '  14:42:00  error ratio of checkout starts rising',
      '',
      'Similar past incidents',
      '  - inc-2025-11-02: checkout 500s after payments client upgrade (score 7.31)',
      '',
    ].join('\n'),
  );
});

test('terminal: colour only when asked, and the same text under it', () => {
  const plain = renderTerminal(checkoutBadDeploy, { color: false });
  const coloured = renderTerminal(checkoutBadDeploy, { color: true });
  expect(plain).not.toMatch(ANSI);
  expect(coloured).toMatch(ANSI);
  expect(coloured.replace(ANSI, '')).toBe(plain);
});

test('terminal: a width wraps every line but never a command', () => {
  const lines = renderTerminal(checkoutBadDeploy, { color: false, width: 60 }).split('\n');
  const commands = lines.filter((l) => l.startsWith('     $ '));
  expect(commands).toEqual([
    '     $ kubectl -n shop rollout undo deployment/checkout',
    '     $ kubectl -n shop scale deployment/checkout --replicas=<current + 50%>',
    '     $ kubectl -n shop logs deployment/checkout --since=15m | grep PaymentClient',
  ]);
  expect(lines.filter((l) => l.length > 60 && !commands.includes(l))).toEqual([]);
  expect(lines).toContain('Why         release 2.4.1 of checkout fails on payment calls');
  expect(lines).toContain('            with NullPointerException');
});

test('terminal: log text cannot drive the terminal', () => {
  const report: Report = {
    ...checkoutBadDeploy,
    evidence: [
      { ...checkoutBadDeploy.evidence[0]!, summary: 'boom \u001b]0;pwned\u0007 \u001b[2J\u202eevil' },
    ],
  };
  const text = renderTerminal(report, { color: false });
  expect(text.replaceAll('\n', '')).not.toMatch(/[\p{Cc}\u202e]/u);
  expect(text).toContain('  1. boom  ]0;pwned   [2J evil');
});

test('terminal: only the strongest evidence, the rest counted', () => {
  const text = renderTerminal(oversizedReport(), { color: false, width: 100 });
  expect(text).toContain(`Evidence (strongest ${TERMINAL_TOP_EVIDENCE} of 200)`);
  expect(text).toContain(`  … ${200 - TERMINAL_TOP_EVIDENCE} more evidence items in the full report`);
  expect(text.match(/^ {2}\d+\. pattern \d+/gm)).toEqual([
    '  1. pattern 9',
    '  2. pattern 19',
    '  3. pattern 29',
    '  4. pattern 39',
    '  5. pattern 49',
  ]);
});

test.each([
  {
    name: 'no width: one line',
    first: '- ',
    text: 'a b c',
    width: undefined,
    indent: 2,
    expected: ['- a b c'],
  },
  { name: 'fits', first: '- ', text: 'a b c', width: 10, indent: 2, expected: ['- a b c'] },
  {
    name: 'wraps at spaces',
    first: '- ',
    text: 'aaa bbb ccc',
    width: 8,
    indent: 2,
    expected: ['- aaa', '  bbb', '  ccc'],
  },
  {
    name: 'long word split hard',
    first: '> ',
    text: 'x'.repeat(12),
    width: 6,
    indent: 2,
    expected: ['> xxxx', '  xxxx', '  xxxx'],
  },
  { name: 'empty text keeps the label', first: 'Why ', text: '', width: 10, indent: 4, expected: ['Why '] },
])('wrap: $name', ({ first, text, width, indent, expected }) => {
  const lines = wrap(first, text, width, indent);
  expect(lines).toEqual(expected);
  if (width !== undefined) for (const l of lines) expect(l.length).toBeLessThanOrEqual(width);
});

test('printable keeps ordinary text and unicode', () => {
  expect(printable('0.003 → 0.21 (412×) ok')).toBe('0.003 → 0.21 (412×) ok');
});
