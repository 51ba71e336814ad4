import { expect, test } from 'vitest';
import { checkoutBadDeploy } from '../../../testing/investigate/reports.js';
import type { Report } from '../../core/index.js';
import { renderMarkdown } from './markdown.js';
import { codeBlock, codeSpan, markdownInline, tableCell } from './markdown-text.js';

test('markdown: the whole brief, evidence strongest first, actions safest first, tool text in code spans', () => {
  expect(renderMarkdown(checkoutBadDeploy)).toEqual(
    [
      '# Incident inc-2026-03-09-checkout',
      '',
      '**Root cause: checkout: bad deploy (HIGH confidence)**  ',
      '3 independent signals agree and the deploy preceded the onset by 2 min',
      '',
      '> **Not checked**, so the confidence above does not account for:',
      '> - **traces**: timed out after 10 s',
      '',
      'HighErrorRate on checkout: 5xx responses rose from 0.3% to 21% two minutes after release 2.4.1.',
      '',
      '- **Impact:** services: checkout, api-gateway; since 2026-03-09T14:42:00.000Z; error ratio peak 21.0%; p99 peak 1840 ms',
      '- **Why:** release 2.4.1 of checkout fails on payment calls with NullPointerException',
      '- **Causing change:** `chg-481`',
      '',
      '## Evidence (strongest first)',
      '',
      '1. `error_ratio of checkout 0.003 → 0.21 (score 18.2)` (metric, checkout, strength 0.95) from `query_metrics` `{"service":"checkout","metric":"error_ratio"}`',
      '2. `new error pattern (412×): NullPointerException in PaymentClient <!channel> @here` (log, checkout, strength 0.80) from `log_patterns` `{"service":"checkout"}`',
      '3. `deploy chg-481 2 min before the onset` (change, checkout, strength 0.70) from `recent_changes` `{"before":"2026-03-09T14:47:00Z"}`',
      '',
      '## Alternatives',
      '',
      '| service | category | score | against it |',
      '| --- | --- | --- | --- |',
      '| payments | dependency outage | 0.31 | payments error ratio flat |',
      '| postgres | database | 0.12 | none found |',
      '',
      '## Next actions (safest first, each needs human approval)',
      '',
      '1. **rollback**: Roll back checkout to 2.4.0 (needs human approval) — undoes the change that preceded the errors',
      '',
      '   ```sh',
      '   kubectl -n shop rollout undo deployment/checkout',
      '   ```',
      '2. **scale**: Scale checkout up (needs human approval) — buys headroom while retries pile up',
      '',
      '   ```sh',
      '   kubectl -n shop scale deployment/checkout --replicas=<current + 50%>',
      '   ```',
      '3. **investigate**: Read the new error pattern (needs human approval) — confirms the failing call path',
      '',
      '   ```sh',
      '   kubectl -n shop logs deployment/checkout --since=15m | grep PaymentClient',
      '   ```',
      '',
      '## Timeline (UTC)',
      '',
      '- 2026-03-09T14:40:12.000Z ``deploy chg-481 on checkout: release `2.4.1` (payments client v3)``',
      '- 2026-03-09T14:42:00.000Z `error ratio of checkout starts rising`',
      '',
      '## Similar past incidents',
      '',
      '- `inc-2025-11-02` `checkout 500s after payments client upgrade` (score 7.31)',
      '',
    ].join('\n'),
  );
});

test('markdown: a minimal report has no empty sections', () => {
  const minimal: Report = {
    ...checkoutBadDeploy,
    evidence: [],
    alternatives: [],
    actions: [],
    timeline: [],
    similarIncidents: [],
    missingSources: [],
    impact: { services: [] },
    rootCause: {
      ...checkoutBadDeploy.rootCause,
      changeId: undefined,
      confidence: 'LOW',
      confidenceReason: 'one weak signal',
    },
  };
  expect(renderMarkdown(minimal)).toEqual(
    [
      '# Incident inc-2026-03-09-checkout',
      '',
      '**Root cause: checkout: bad deploy (LOW confidence)**  ',
      'one weak signal',
      '',
      'HighErrorRate on checkout: 5xx responses rose from 0.3% to 21% two minutes after release 2.4.1.',
      '',
      '- **Impact:** no service with a clear error or latency shift',
      '- **Why:** release 2.4.1 of checkout fails on payment calls with NullPointerException',
      '',
    ].join('\n'),
  );
});

test('markdown: prose quoting log text cannot embed HTML, link or mention', () => {
  const md = renderMarkdown({
    ...checkoutBadDeploy,
    summary: '<img src=x> [click](http://evil.example) @here *now*',
  });
  expect(md).toContain('\\<img src=x\\> \\[click\\](http://evil.example) @\u200bhere \\*now\\*');
});

test.each([
  { name: 'plain', text: 'a b', expected: '`a b`' },
  { name: 'backticks inside', text: 'release `2.4.1` out', expected: '``release `2.4.1` out``' },
  { name: 'backtick run of two', text: 'a `` b', expected: '```a `` b```' },
  { name: 'backtick at the edge', text: 'release `2.4.1`', expected: '`` release `2.4.1` ``' },
  { name: 'newlines and tabs', text: 'a\n  b\tc', expected: '`a b c`' },
  { name: 'terminal escape', text: 'a\u001b[31mb', expected: '`a [31mb`' },
  { name: 'empty', text: ' ', expected: '*(empty)*' },
])('codeSpan: $name', ({ text, expected }) => {
  expect(codeSpan(text)).toBe(expected);
});

test.each([
  {
    name: 'markup escaped',
    text: 'a_b *c* [d] <e> |f| ~g~ `h` \\i',
    expected: 'a\\_b \\*c\\* \\[d\\] \\<e\\> \\|f\\| \\~g\\~ \\`h\\` \\\\i',
  },
  { name: 'heading start', text: '# not a heading', expected: '\\# not a heading' },
  { name: 'list start', text: '1. not a list', expected: '1\\. not a list' },
  { name: 'mention broken, e-mail kept', text: '@oncall mail a@b.io', expected: '@\u200boncall mail a@b.io' },
  { name: 'one line', text: 'a\r\nb', expected: 'a b' },
])('markdownInline: $name', ({ text, expected }) => {
  expect(markdownInline(text)).toBe(expected);
});

test('codeBlock: the fence outgrows any backtick run inside, so the command is copied exactly', () => {
  expect(codeBlock('echo ```x```', { indent: '  ', lang: 'sh' })).toEqual([
    '  ````sh',
    '  echo ```x```',
    '  ````',
  ]);
});

test('tableCell: pipes in code spans are escaped, already escaped ones are left', () => {
  expect(tableCell('`a|b` c\\|d')).toBe('`a\\|b` c\\|d');
});
