import { expect, test } from 'vitest';
import { checkoutBadDeploy, oversizedReport } from '../../../testing/investigate/reports.js';
import { NightshiftError } from '../../core/index.js';
import { renderSlackBlocks } from './slack.js';
import {
  capBlocks,
  fitText,
  listSection,
  SLACK_LIMITS,
  type SlackBlock,
  type SlackText,
  slackCode,
  slackEscape,
  slackLiteral,
  slackPlain,
} from './slack-blocks.js';

const textsOf = (blocks: readonly SlackBlock[]): SlackText[] =>
  blocks.flatMap((b) => (b.type === 'section' ? [b.text] : b.type === 'context' ? b.elements : []));

test('the checkout brief: header, confidence with what was not checked, facts, evidence, actions safest first', () => {
  const { text, blocks } = renderSlackBlocks(checkoutBadDeploy, {
    investigationUrl: 'https://ns.example/i/1',
  });
  expect(text).toBe(
    'Likely root cause: checkout: bad deploy (HIGH confidence). Not checked: traces. HighErrorRate on checkout: 5xx responses rose from 0.3% to 21% two minutes after release 2.4.1.',
  );
  expect(blocks.map((b) => b.type)).toEqual([
    'header',
    'section',
    'section',
    'section',
    'section',
    'divider',
    'section',
    'section',
    'section',
    'section',
    'context',
  ]);
  expect(blocks[0]).toEqual({
    type: 'header',
    text: { type: 'plain_text', text: 'Likely root cause: checkout: bad deploy (HIGH confidence)' },
  });
  const texts = textsOf(blocks).map((t) => t.text);
  expect(texts[0]).toBe(
    '*Confidence HIGH:* 3 independent signals agree and the deploy preceded the onset by 2 min\n:warning: *Not checked*, so the confidence does not account for:\n• traces (timed out after 10 s)',
  );
  expect(texts[2]?.split('\n')).toEqual([
    '*Evidence* (strongest first)',
    '• `error_ratio of checkout 0.003 → 0.21 (score 18.2)` _from_ `query_metrics` `{"service":"checkout","metric":"error_ratio"}`',
    '• `new error pattern (412×): NullPointerException in PaymentClient &lt;!channel&gt; @here` _from_ `log_patterns` `{"service":"checkout"}`',
    '• `deploy chg-481 2 min before the onset` _from_ `recent_changes` `{"before":"2026-03-09T14:47:00Z"}`',
  ]);
  expect(texts.slice(5, 8).map((t) => t.split('\n')[0])).toEqual([
    '1. *rollback*: Roll back checkout to 2.4.0 _(needs human approval)_',
    '2. *scale*: Scale checkout up _(needs human approval)_',
    '3. *investigate*: Read the new error pattern _(needs human approval)_',
  ]);
  expect(texts[6]).toContain(
    '```kubectl -n shop scale deployment/checkout --replicas=&lt;current + 50%&gt;```',
  );
  expect(texts.at(-1)).toBe('<https://ns.example/i/1|Full investigation and trace>');
});

test('an oversized report stays within every Slack limit and keeps what matters', () => {
  const report = oversizedReport();
  const { text, blocks } = renderSlackBlocks(report);
  expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
  expect(text.length).toBeGreaterThan(0);
  expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionChars);
  for (const b of blocks) {
    if (b.type === 'header') expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerChars);
    if (b.type === 'context') expect(b.elements.length).toBeLessThanOrEqual(SLACK_LIMITS.contextElements);
  }
  for (const t of textsOf(blocks)) {
    expect(t.text.length).toBeGreaterThan(0);
    expect(t.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionChars);
    expect(t).toMatchObject({ type: 'mrkdwn', verbatim: true });
  }
  const header = blocks[0];
  expect(header?.type === 'header' && header.text.text).toMatch(/: bad deploy \(HIGH confidence\)$/);
  const all = JSON.stringify(blocks) + text;
  expect(all).not.toContain('<!channel>');
  expect(all).not.toContain('<http');
  const texts = textsOf(blocks).map((t) => t.text);
  expect(texts[0]).toMatch(/\n… 2\d more sources not checked in the full report$/);
  expect(texts.find((t) => t.startsWith('*Evidence*'))).toMatch(
    /\n… 19\d more evidence items in the full report$/,
  );
  expect(texts).toContain('… 72 more actions in the full report');
  const commands = new Set(report.actions.flatMap((a) => (a.command ? [slackEscape(a.command)] : [])));
  for (const t of texts)
    for (const m of t.matchAll(/```([^`]*)```/g)) expect(commands.has(m[1] ?? '')).toBe(true);
  expect(
    texts.filter((t) => t.endsWith('_command too long for Slack: copy it from the full report_')),
  ).toHaveLength(4);
});

test('text from logs cannot ping, link or close its code span', () => {
  expect(slackEscape('<!channel> a<b>&c')).toBe('&lt;!channel&gt; a&lt;b&gt;&amp;c');
  expect(slackCode('`rm` <@U1>\n next', 100)).toBe('`ˋrmˋ &lt;@U1&gt; next`');
  expect(slackCode('x'.repeat(50), 10)).toBe(`\`${'x'.repeat(9)}…\``);
});

test('the investigation link must be http(s) and cannot break out of <url|label>', () => {
  const link = (url: string) =>
    textsOf(renderSlackBlocks(checkoutBadDeploy, { investigationUrl: url }).blocks).at(-1);
  expect(link('https://ns.example/i?a=1|b>c')?.text).toBe(
    '<https://ns.example/i?a=1%7Cb%3Ec|Full investigation and trace>',
  );
  expect(() => link('javascript:alert(1)')).toThrow(NightshiftError);
});

test.each([
  { text: 'short', max: 10, expected: 'short' },
  { text: 'aaaa\nbbbb\ncccc\ndddd\neeee\nffff', max: 19, expected: 'aaaa\n… 5 more lines' },
  { text: 'aaaa\nbbbb\ncccc\ndddd\neeee\nffff', max: 24, expected: 'aaaa\nbbbb\n… 4 more lines' },
  { text: `aaaa\n${'b'.repeat(20)}`, max: 19, expected: 'aaaa\n… 1 more line' },
  { text: 'aaaa\nbbbb\ncccc', max: 13, expected: 'aaaa\nbbbb\ncc…' },
  { text: 'x'.repeat(20), max: 10, expected: `${'x'.repeat(9)}…` },
])('fitText($max)', ({ text, max, expected }) => {
  expect(fitText(text, max)).toBe(expected);
  expect(fitText(text, max).length).toBeLessThanOrEqual(max);
});

test('listSection keeps whole items and counts the rest', () => {
  const items = Array.from({ length: 100 }, (_, i) => `• item ${i} ${'x'.repeat(90)}`);
  const block = listSection('*Evidence*', items, 'evidence items');
  const text = block.type === 'section' ? block.text.text : '';
  const lines = text.split('\n');
  expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionChars);
  expect(lines[0]).toBe('*Evidence*');
  expect(lines.slice(1, -1)).toEqual(items.slice(0, lines.length - 2));
  expect(lines.at(-1)).toBe(`… ${100 - (lines.length - 2)} more evidence items in the full report`);
});

test('capBlocks: 49 blocks and a note of the rest', () => {
  const blocks = capBlocks(Array.from({ length: 60 }, (): SlackBlock => ({ type: 'divider' })));
  expect(blocks).toHaveLength(SLACK_LIMITS.blocks);
  expect(blocks.at(-1)).toEqual({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: '… 11 more blocks in the full report', verbatim: true }],
  });
  expect(capBlocks([{ type: 'divider' }])).toEqual([{ type: 'divider' }]);
});

test.each([
  {
    name: 'bold, italic, strike, code',
    input: '*a* _b_ ~c~ `d`',
    literal: '∗a∗ ˍbˍ ∼c∼ ˋdˋ',
    code: '`*a* _b_ ~c~ ˋdˋ`',
  },
  {
    name: 'mentions and links',
    input: '<!channel> <@U1> <http://e|x>',
    literal: '&lt;!channel&gt; &lt;@U1&gt; &lt;http://e|x&gt;',
    code: '`&lt;!channel&gt; &lt;@U1&gt; &lt;http://e|x&gt;`',
  },
  { name: 'block quote', input: 'a\n> b', literal: 'a\n˃ b', code: '`a &gt; b`' },
  {
    name: 'controls and bidi',
    input: 'a\u0000b\u202ec\u2066d\u200ee\u061cf\u0085g\tt',
    literal: 'abcdefg\tt',
    code: '`abcdefg t`',
  },
])('slackLiteral and slackCode: $name', ({ input, literal, code }) => {
  expect(slackLiteral(input)).toBe(literal);
  expect(slackCode(input, 100)).toBe(code);
  expect(slackPlain(input)).not.toMatch(/[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u);
});
