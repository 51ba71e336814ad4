import { expect, test } from 'vitest';
import type { Report } from '../../core/index.js';
import { fitText, renderSlackBlocks, SLACK_LIMITS, slackEscape } from './slack.js';

const base: Report = {
  incidentId: 'inc-1',
  summary: 'HighErrorRate on checkout',
  impact: { services: ['checkout'] },
  timeline: [],
  rootCause: {
    service: 'checkout',
    category: 'bad_deploy',
    description: 'deploy chg-1',
    confidence: 'HIGH',
    confidenceReason: 'strong',
  },
  alternatives: [],
  evidence: [],
  actions: [],
  similarIncidents: [],
  missingSources: [],
};

test('an oversized report stays within every Slack limit', () => {
  const huge: Report = {
    ...base,
    summary: 'x'.repeat(10_000),
    rootCause: { ...base.rootCause, service: 's'.repeat(400), description: 'd\n'.repeat(5_000) },
    evidence: Array.from({ length: 200 }, (_, i) => ({
      id: `ev-${i}`,
      kind: 'log' as const,
      summary: `pattern ${i}: ${'y'.repeat(100)}`,
      strength: 0.5,
      source: { tool: 'log_patterns', query: '{}' },
    })),
    actions: Array.from({ length: 80 }, (_, i) => ({
      kind: 'investigate' as const,
      title: `look ${i}`,
      rationale: 'r'.repeat(4_000),
      command: 'kubectl get pods',
      requiresApproval: true as const,
    })),
  };
  const { text, blocks } = renderSlackBlocks(huge);
  expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
  expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionChars);
  for (const b of blocks) {
    if (b.type === 'header') expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerChars);
    if (b.type === 'section') expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionChars);
  }
  const last = blocks.at(-1);
  expect(last?.type === 'context' && last.elements[0]?.text).toMatch(
    /^… \d+ more blocks in the full report$/,
  );
});

test('text from logs cannot ping or link: <, > and & are escaped', () => {
  const { blocks } = renderSlackBlocks({
    ...base,
    evidence: [
      {
        id: 'e',
        kind: 'log',
        summary: '<!channel> see <http://evil|here> & `x`',
        strength: 1,
        source: { tool: 'search_logs', query: '' },
      },
    ],
  });
  const all = JSON.stringify(blocks);
  expect(all).not.toContain('<!channel>');
  expect(all).toContain('&lt;!channel&gt;');
  expect(slackEscape('a<b>&c')).toBe('a&lt;b&gt;&amp;c');
});

test('actions come safest first with their commands', () => {
  const { blocks } = renderSlackBlocks({
    ...base,
    actions: [
      { kind: 'scale', title: 'Scale', rationale: 'r', requiresApproval: true },
      {
        kind: 'rollback',
        title: 'Roll back',
        command: 'kubectl rollout undo deployment/checkout',
        rationale: 'r',
        requiresApproval: true,
      },
    ],
  });
  const texts = blocks.flatMap((b) => (b.type === 'section' ? [b.text.text] : []));
  const rollback = texts.findIndex((t) => t.startsWith('1. *rollback*'));
  expect(rollback).toBeGreaterThan(0);
  expect(texts[rollback]).toContain('```kubectl rollout undo deployment/checkout```');
  expect(texts[rollback + 1]).toMatch(/^2\. \*scale\*/);
});

test.each([
  { text: 'short', max: 10, expected: 'short' },
  { text: 'aaaa\nbbbb\ncccc\ndddd\neeee\nffff', max: 19, expected: 'aaaa\n… 5 more lines' },
  { text: 'aaaa\nbbbb\ncccc\ndddd\neeee\nffff', max: 24, expected: 'aaaa\nbbbb\n… 4 more lines' },
  { text: 'aaaa\nbbbb\ncccc\ndddd\neeee\nffff', max: 18, expected: 'aaaa\nbbbb\ncccc\ndd…' },
  { text: 'x'.repeat(20), max: 10, expected: `${'x'.repeat(9)}…` },
])('fitText($max)', ({ text, max, expected }) => {
  expect(fitText(text, max)).toBe(expected);
  expect(fitText(text, max).length).toBeLessThanOrEqual(max);
});
