import { describe, expect, test } from 'vitest';
import { checkoutBadDeploy, ONSET } from '../../testing/investigate/reports.js';
import type { Report } from '../core/index.js';
import type { Feedback, InvestigationRow, StoredAlert } from '../store/index.js';
import { type ReportPageInput, renderReportPage } from './report-page.js';

const OPENED = Date.parse('2026-03-09T14:47:05Z');

const investigation: InvestigationRow = {
  id: 'inv-7f3a',
  status: 'done',
  groupKey: 'api-gateway/HighErrorRate',
  title: 'HighErrorRate on api-gateway',
  service: 'api-gateway',
  severity: 'critical',
  createdAt: OPENED,
  startedAt: OPENED + 2_000,
  finishedAt: OPENED + 41_000,
  firstBriefAt: OPENED + 43_000,
  brain: 'builtin',
  attempts: 1,
};

const alert: StoredAlert = {
  id: 'al-1',
  investigationId: 'inv-7f3a',
  fingerprint: 'f1',
  source: 'alertmanager',
  status: 'firing',
  groupKey: 'api-gateway/HighErrorRate',
  name: 'HighErrorRate',
  service: 'api-gateway',
  severity: 'critical',
  labels: { team: 'payments' },
  annotations: { summary: '5xx above 5% for 5 minutes' },
  startsAt: Date.parse('2026-03-09T14:47:00Z'),
  receivedAt: OPENED,
  lastSeenAt: OPENED,
  deliveries: 3,
};

const feedback: Feedback = {
  id: 'fb-1',
  investigationId: 'inv-7f3a',
  grade: 'partly_correct',
  rootCause: 'payments client v3 null config',
  by: 'dana',
  at: OPENED + 3_600_000,
};

function page(overrides: Partial<ReportPageInput> = {}): string {
  return renderReportPage({
    investigation,
    alerts: [alert],
    feedback: [feedback],
    report: checkoutBadDeploy,
    now: OPENED + 12 * 60_000,
    ...overrides,
  });
}

/** Positions of `needles` in `text`, asserting each is present. */
function positions(text: string, needles: readonly string[]): number[] {
  return needles.map((needle) => {
    const at = text.indexOf(needle);
    expect(at, needle).toBeGreaterThanOrEqual(0);
    return at;
  });
}

describe('renderReportPage for a finished investigation', () => {
  const html = page();

  test('is one complete document that loads nothing and runs nothing', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('@media (prefers-color-scheme:dark)');
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\ssrc=|\shref=|@import|url\(|\son[a-z]+=/i);
  });

  test('shows the header, then the report in the order of the other renderers', () => {
    const order = positions(html, [
      '<span class="badge status-done">done</span>',
      '<h1>HighErrorRate on api-gateway</h1>',
      'Root cause',
      '<h2>checkout: bad deploy (HIGH confidence)</h2>',
      '<span class="badge conf-HIGH">HIGH</span> 3 independent signals agree',
      '<dd>bad deploy</dd>',
      '<code>chg-481</code>',
      '<li>traces (timed out after 10 s)</li>',
      '<h2>Summary</h2>',
      'error_ratio of checkout 0.003 → 0.21',
      'new error pattern (412×)',
      'deploy chg-481 2 min before the onset',
      'Roll back checkout to 2.4.0',
      'Scale checkout up',
      'Read the new error pattern',
      'Alerts in this group',
      'Feedback',
      '<footer>Investigation <code>inv-7f3a</code>',
    ]);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  test('gives evidence its source and actions their command, each needing approval', () => {
    expect(html).toContain(
      'strength 0.95 · from <code>query_metrics {&#34;service&#34;:&#34;checkout&#34;,&#34;metric&#34;:&#34;error_ratio&#34;}</code>',
    );
    expect(html).toContain('<pre><code>kubectl -n shop rollout undo deployment/checkout</code></pre>');
    expect(html.match(/\(needs human approval\)/g)).toHaveLength(checkoutBadDeploy.actions.length);
  });

  test('gives times in UTC with how long ago, and the alerts and feedback of the group', () => {
    expect(html).toContain(
      '<dt>Alert fired</dt><dd><time datetime="2026-03-09T14:47:00Z">2026-03-09T14:47:00Z</time> <span class="rel">(12 min ago)</span>',
    );
    expect(html).toContain('<dt>Finished</dt><dd><time datetime="2026-03-09T14:47:46Z">');
    expect(html).not.toContain('<dt>Resolved</dt>');
    expect(html).toContain('<strong>HighErrorRate</strong> <span class="badge status-firing">firing</span>');
    expect(html).toContain('api-gateway · critical · via alertmanager · 3 deliveries');
    expect(html).toContain('5xx above 5% for 5 minutes');
    expect(html).toContain('<span class="badge grade-partly_correct">partly correct</span>');
    expect(html).toContain('real root cause: payments client v3 null config');
    expect(html).toContain('(in 48 min)');
  });

  test('without a clock, times are given from when the investigation opened', () => {
    const html = page({ now: undefined });
    expect(html).toContain('<span class="rel">(5.0 s before it opened)</span>');
    expect(html).toContain('<span class="rel">(when it opened)</span>');
    expect(html).toContain('<span class="rel">(41.0 s after it opened)</span>');
  });
});

describe('renderReportPage keeps hostile text inert', () => {
  const SCRIPT = '<script>alert(1)</script>';
  const BREAKOUT = '"><img src=x onerror=alert(2)>';
  const BIDI = 'invoice\u202Etxt.exe\u2066x\u2069 \u001b[31mred\u0007';
  const hostile = `${SCRIPT} ${BREAKOUT} ${BIDI}`;
  const report: Report = {
    ...checkoutBadDeploy,
    summary: hostile,
    rootCause: { ...checkoutBadDeploy.rootCause, service: hostile, description: hostile },
    evidence: [
      { ...checkoutBadDeploy.evidence[0]!, summary: hostile, source: { tool: 'sql', query: hostile } },
    ],
    actions: [{ ...checkoutBadDeploy.actions[0]!, title: hostile, command: hostile }],
    missingSources: [{ source: hostile, reason: hostile }],
    timeline: [{ at: ONSET, what: hostile }],
  };
  const html = page({
    investigation: { ...investigation, title: hostile, service: hostile, groupKey: hostile },
    alerts: [{ ...alert, name: hostile, annotations: { summary: hostile } }],
    feedback: [{ ...feedback, rootCause: hostile, by: hostile }],
    report,
  });

  test('markup in any field is shown as text', () => {
    // A handler is only live inside a tag; as escaped text, "onerror=" is just shown.
    expect(html).not.toMatch(/<script|<img|<[^>]*\sonerror=/i);
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(html).toContain('&#34;&#62;&#60;img src=x onerror=alert(2)&#62;');
    expect(html).toContain(`<title>&#60;script&#62;alert(1)&#60;/script&#62; &#34;&#62;&#60;img`);
  });

  test('bidirectional overrides and control characters are replaced, visibly', () => {
    expect(html.replace(/[\n\t]/g, '')).not.toMatch(/[\p{Cc}\u202a-\u202e\u2066-\u2069]/u);
    expect(html).toContain('invoice\uFFFDtxt.exe\uFFFDx\uFFFD \uFFFD[31mred\uFFFD');
  });
});

describe('renderReportPage before or instead of a report', () => {
  test.each([
    {
      status: 'queued' as const,
      row: {},
      expected: [
        '<section class="notice pending" role="status"><h2>Queued</h2>',
        'reload this page in a minute',
      ],
    },
    {
      status: 'running' as const,
      row: {},
      expected: ['<h2>Running</h2>', 'Started <time datetime="2026-03-09T14:47:07Z">'],
    },
    {
      status: 'failed' as const,
      row: { attempts: 3, error: 'LLM at http://llm:8080 <timed out>' },
      expected: [
        '<section class="notice failed" role="status"><h2>Failed after 3 attempts</h2>',
        'LLM at http://llm:8080 &#60;timed out&#62;',
        'check the alerts below',
      ],
    },
  ])('$status: says so instead of showing a report', ({ status, row, expected }) => {
    // A report left over from an earlier attempt must not pass for this one's.
    const html = page({ investigation: { ...investigation, status, ...row } });
    positions(html, [...expected, 'Alerts in this group', '<footer>']);
    expect(html).not.toContain('Root cause');
    expect(html).toContain(`<span class="badge status-${status}">${status}</span>`);
  });

  test.each([
    { name: 'no report stored', report: undefined, expected: 'no report was stored' },
    {
      name: 'a stored report of another shape',
      report: { summary: 'old format' } as unknown as Report,
      expected: 'the stored report does not read as one',
    },
  ])('done with $name: says the report cannot be shown', ({ report, expected }) => {
    const html = page({ report });
    expect(html).toContain(`<h2>No report</h2><p>The investigation finished, but ${expected}.</p>`);
    expect(html).not.toContain('Root cause');
  });

  test('an investigation with no alerts or feedback says so', () => {
    const html = page({ alerts: [], feedback: [] });
    expect(html).toContain('No alert is stored for this investigation.');
    expect(html).toContain('No one has graded this investigation yet.');
    expect(html).not.toContain('<dt>Alert fired</dt>');
  });
});
