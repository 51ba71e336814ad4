import { expect, test } from 'vitest';
import type { Alert, Report } from '../../core/index.js';
import { draftPostmortem, renderRunbookMarkdown, runbookChecklist, UNASSIGNED } from '../postmortem/index.js';
import { renderJson } from './json.js';
import { codeSpan, renderMarkdown } from './markdown.js';
import { renderTerminal } from './terminal.js';

const at = Date.parse('2026-03-09T14:48:00Z');
const report: Report = {
  incidentId: 'inc-1',
  summary: 'HighErrorRate on checkout: errors up on checkout.',
  impact: { services: ['checkout'], startedAt: at, errorRatioPeak: 0.2 },
  timeline: [{ at, what: 'deploy chg-1 on checkout: release `2.4.1`' }],
  rootCause: {
    service: 'checkout',
    category: 'bad_deploy',
    description: 'checkout: deploy chg-1 around the onset',
    confidence: 'HIGH',
    confidenceReason: 'strong, corroborated evidence',
    changeId: 'chg-1',
  },
  alternatives: [],
  evidence: [
    {
      id: 'ev-1',
      kind: 'log',
      service: 'checkout',
      summary: 'new error pattern: <!channel> `rm -rf`',
      strength: 1,
      source: { tool: 'log_patterns', query: '{"limit":10}', callId: 'call-1' },
    },
  ],
  actions: [
    { kind: 'investigate', title: 'Read the logs', rationale: 'see', requiresApproval: true },
    {
      kind: 'rollback',
      title: 'Roll back checkout',
      command: 'kubectl -n shop rollout undo deployment/checkout',
      rationale: 'undo',
      requiresApproval: true,
    },
  ],
  similarIncidents: [],
  missingSources: [{ source: 'traces', reason: 'timed out after 30 s' }],
};

test('markdown: the whole brief, actions safest first, tool text in code spans', () => {
  expect(renderMarkdown(report)).toEqual(
    [
      '# Incident inc-1',
      '',
      '**Root cause: checkout: bad deploy (HIGH confidence)**  ',
      'strong, corroborated evidence',
      '',
      'HighErrorRate on checkout: errors up on checkout.',
      '',
      '**Impact:** services: checkout; since 2026-03-09T14:48:00.000Z; error ratio peak 20.0%',
      '',
      '**Why:** checkout: deploy chg-1 around the onset',
      '',
      '**Causing change:** `chg-1`',
      '',
      '## Evidence',
      '',
      '- `new error pattern: <!channel> ˋrm -rfˋ` — from `log_patterns` `{"limit":10}`',
      '',
      '## Next actions (safest first, each needs human approval)',
      '',
      '1. **rollback**: Roll back checkout. undo',
      '',
      '   ```sh',
      '   kubectl -n shop rollout undo deployment/checkout',
      '   ```',
      '2. **investigate**: Read the logs. see',
      '',
      '## Timeline',
      '',
      '- 2026-03-09T14:48:00.000Z `deploy chg-1 on checkout: release ˋ2.4.1ˋ`',
      '',
      '## Not checked',
      '',
      '- **traces**: timed out after 30 s',
      '',
    ].join('\n'),
  );
});

test('codeSpan keeps any text inside one span', () => {
  expect(codeSpan('a `b`\n c')).toBe('`a ˋbˋ c`');
});

test('terminal: root cause first, no colour codes unless asked, missing sources flagged', () => {
  const plain = renderTerminal(report, { color: false });
  expect(plain.split('\n')[0]).toBe('Root cause  checkout: bad deploy HIGH confidence');
  expect(plain).not.toContain('\u001b[');
  expect(plain).toContain('Not checked\n  - traces: timed out after 30 s');
  expect(plain.indexOf('[rollback]')).toBeLessThan(plain.indexOf('[investigate]'));
  expect(renderTerminal(report, { color: true })).toContain('\u001b[');
});

test('json refuses an invalid report: that is a bug, not output', () => {
  expect(() =>
    renderJson({ ...report, rootCause: { ...report.rootCause, confidence: 'SURE' as 'HIGH' } }),
  ).toThrow();
  expect(JSON.parse(renderJson(report)).incidentId).toBe('inc-1');
});

const alert = (labels: Record<string, string>): Alert => ({
  name: 'HighErrorRate',
  service: 'api-gateway',
  severity: 'critical',
  startsAt: at + 5 * 60_000,
  labels,
  annotations: {},
});

test.each<{ labels: Record<string, string>; owner: string }>([
  { labels: { team: 'payments' }, owner: 'payments' },
  { labels: { owner: 'alice' }, owner: 'alice' },
  { labels: {}, owner: UNASSIGNED },
])('postmortem owners from alert labels: $owner', ({ labels, owner }) => {
  const pm = draftPostmortem(report, alert(labels));
  expect(pm.actionItems.length).toBeGreaterThan(0);
  expect(pm.actionItems.every((a) => a.owner === owner)).toBe(true);
  expect(pm.contributingFactors).toContain('change chg-1 around the onset');
  expect(pm.whatWentBadly).toContain('the alert fired on api-gateway, not on checkout where the cause was');
  expect(pm.whatWentWell[0]).toBe('the alert HighErrorRate fired 5 min after the onset');
});

test('runbook: confirm, then the actions safest first, then verify and communicate', () => {
  const text = renderRunbookMarkdown(runbookChecklist(report));
  const lines = text.split('\n').filter((l) => l.startsWith('- [ ] '));
  expect(lines.map((l) => l.slice(6, 30))).toEqual([
    'Confirm the impact: chec',
    'Confirm the cause: check',
    'rollback: Roll back chec',
    'investigate: Read the lo',
    'Verify recovery: error r',
    'Post an update in the in',
    'Open the postmortem draf',
  ]);
});
