/**
 * Reports for the renderer, postmortem and runbook tests: a realistic bad deploy of `checkout`
 * (actions given unsorted on purpose, one source missing, log text that tries to ping and link),
 * and an oversized one for Slack's limits. Test support only; nothing in src imports it.
 */
import type { Alert, Report } from '../../src/core/index.js';

export const ONSET = Date.parse('2026-03-09T14:42:00Z');
const DEPLOY_AT = Date.parse('2026-03-09T14:40:12Z');

export const checkoutBadDeploy: Report = {
  incidentId: 'inc-2026-03-09-checkout',
  summary: 'HighErrorRate on checkout: 5xx responses rose from 0.3% to 21% two minutes after release 2.4.1.',
  impact: {
    services: ['checkout', 'api-gateway'],
    startedAt: ONSET,
    errorRatioPeak: 0.21,
    latencyP99PeakMs: 1840.4,
  },
  timeline: [
    { at: DEPLOY_AT, what: 'deploy chg-481 on checkout: release `2.4.1` (payments client v3)' },
    { at: ONSET, what: 'error ratio of checkout starts rising' },
  ],
  rootCause: {
    service: 'checkout',
    category: 'bad_deploy',
    description: 'release 2.4.1 of checkout fails on payment calls with NullPointerException',
    confidence: 'HIGH',
    confidenceReason: '3 independent signals agree and the deploy preceded the onset by 2 min',
    changeId: 'chg-481',
  },
  alternatives: [
    {
      id: 'h-2',
      service: 'payments',
      category: 'dependency_outage',
      description: 'payments slow',
      score: 0.31,
      evidenceIds: ['ev-3'],
      weaknesses: ['payments error ratio flat'],
    },
    {
      id: 'h-3',
      service: 'postgres',
      category: 'database',
      description: 'lock waits',
      score: 0.12,
      evidenceIds: [],
      weaknesses: [],
    },
  ],
  evidence: [
    {
      id: 'ev-2',
      kind: 'log',
      service: 'checkout',
      summary: 'new error pattern (412×): NullPointerException in PaymentClient <!channel> @here',
      strength: 0.8,
      source: { tool: 'log_patterns', query: '{"service":"checkout"}', callId: 'call-3' },
    },
    {
      id: 'ev-1',
      kind: 'metric',
      service: 'checkout',
      summary: 'error_ratio of checkout 0.003 → 0.21 (score 18.2)',
      strength: 0.95,
      source: {
        tool: 'query_metrics',
        query: '{"service":"checkout","metric":"error_ratio"}',
        callId: 'call-1',
      },
    },
    {
      id: 'ev-3',
      kind: 'change',
      service: 'checkout',
      summary: 'deploy chg-481 2 min before the onset',
      strength: 0.7,
      source: { tool: 'recent_changes', query: '{"before":"2026-03-09T14:47:00Z"}', callId: 'call-2' },
    },
  ],
  actions: [
    {
      kind: 'investigate',
      title: 'Read the new error pattern',
      command: 'kubectl -n shop logs deployment/checkout --since=15m | grep PaymentClient',
      rationale: 'confirms the failing call path',
      requiresApproval: true,
    },
    {
      kind: 'rollback',
      title: 'Roll back checkout to 2.4.0',
      command: 'kubectl -n shop rollout undo deployment/checkout',
      rationale: 'undoes the change that preceded the errors',
      requiresApproval: true,
    },
    {
      kind: 'scale',
      title: 'Scale checkout up',
      command: 'kubectl -n shop scale deployment/checkout --replicas=<current + 50%>',
      rationale: 'buys headroom while retries pile up',
      requiresApproval: true,
    },
  ],
  similarIncidents: [
    { id: 'inc-2025-11-02', title: 'checkout 500s after payments client upgrade', score: 7.31 },
  ],
  missingSources: [{ source: 'traces', reason: 'timed out after 10 s' }],
};

/** The alert that started the checkout investigation; it fired on the gateway, not on checkout. */
export function checkoutAlert(labels: Record<string, string> = { team: 'payments-squad' }): Alert {
  return {
    name: 'HighErrorRate',
    service: 'api-gateway',
    severity: 'critical',
    startsAt: Date.parse('2026-03-09T14:47:00Z'),
    labels,
    annotations: {},
  };
}

/** Every list long and every text huge, with log text that tries to break out of its markup. */
export function oversizedReport(): Report {
  const hostile = '<!channel> <http://evil.example|click> & ``` `';
  return {
    ...checkoutBadDeploy,
    summary: `${hostile} ${'s'.repeat(10_000)}`,
    rootCause: {
      ...checkoutBadDeploy.rootCause,
      service: 'c'.repeat(400),
      description: 'd\n'.repeat(5_000),
      confidenceReason: 'r'.repeat(10_000),
    },
    evidence: Array.from({ length: 200 }, (_, i) => ({
      id: `ev-${i}`,
      kind: 'log' as const,
      service: 'checkout',
      summary: `pattern ${i}: ${hostile} ${'y'.repeat(10_000)}`,
      strength: (i % 10) / 10,
      source: { tool: 'log_patterns', query: `{"q":"${'q'.repeat(10_000)}"}` },
    })),
    alternatives: Array.from({ length: 100 }, (_, i) => ({
      id: `h-${i}`,
      service: `svc-${i}-${'a'.repeat(200)}`,
      category: 'network' as const,
      description: 'x',
      score: 0.1,
      evidenceIds: [],
      weaknesses: ['w'.repeat(10_000)],
    })),
    actions: Array.from({ length: 80 }, (_, i) => ({
      kind: (['investigate', 'restart', 'rollback'] as const)[i % 3] ?? 'investigate',
      title: `action ${i} ${'t'.repeat(10_000)}`,
      rationale: 'r'.repeat(10_000),
      command:
        i % 2 === 0 ? 'kubectl -n shop rollout undo deployment/checkout' : `echo ${'z'.repeat(10_000)}`,
      requiresApproval: true as const,
    })),
    similarIncidents: Array.from({ length: 50 }, (_, i) => ({
      id: `inc-${i}`,
      title: hostile.repeat(100),
      score: 1,
    })),
    missingSources: Array.from({ length: 30 }, (_, i) => ({
      source: `source-${i}`,
      reason: 'e'.repeat(10_000),
    })),
  };
}
