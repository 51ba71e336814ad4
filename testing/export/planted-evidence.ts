/**
 * Evidence with the planted identifiers and secrets in every part an evidence holds (metric labels,
 * log messages and attributes, span attributes, changes, events, history, the topology's service
 * names, a missing source's reason), for the planted export test. Test support only.
 */

import type { InvestigationEvidence } from '../../src/investigate/index.js';
import {
  IDENTIFIERS,
  type PlantedInvestigation,
  SERVICES,
  type Values,
} from '../anonymise/planted-investigation.js';

const values = Object.fromEntries(Object.entries(IDENTIFIERS).map(([k, v]) => [k, v.value])) as Values;

export function plantedEvidence(planted: PlantedInvestigation): InvestigationEvidence {
  const { alert } = planted;
  const at = alert.startsAt;
  // Label values are bare (`t9x2`): they are planted where labels go (the series), not as text.
  const texts = [
    ...planted.placements.filter((p) => !p.where.startsWith('alert.labels')).map((p) => p.template(values)),
    ...planted.secrets.map((s) => s.text),
  ];
  return {
    version: 1,
    incidentId: 'planted',
    alert,
    window: { start: at - 3_600_000, end: at + 600_000 },
    range: { start: at - 1_800_000, end: at + 600_000 },
    topology: {
      services: Object.entries(SERVICES).map(([name, dependsOn]) => ({ name, kind: 'service', dependsOn })),
    },
    collected: {
      series: [
        { service: 'checkout', metric: 'errors', labels: alert.labels, timestamps: [at], values: [3] },
      ],
      logs: texts.map((message, i) => ({
        ts: at + i,
        service: 'checkout',
        level: 'error',
        message,
        attrs: { account_id: values.accountB, user: values.userA, password: planted.secrets[0]?.secret },
      })),
      spans: [
        {
          traceId: 't1',
          spanId: 's1',
          service: 'checkout',
          name: 'POST /pay',
          start: at,
          durationMs: 12,
          status: 'error',
          attrs: { 'db.statement': texts.join(' '), 'net.peer.name': values.hostDb },
        },
      ],
      changes: [
        {
          id: 'c1',
          ts: at - 60_000,
          service: 'checkout',
          kind: 'deploy',
          summary: texts[0] ?? '',
          author: values.emailJane,
        },
      ],
      events: [
        {
          ts: at,
          service: 'checkout',
          object: `pod/${values.podCheckout}`,
          type: 'Warning',
          reason: 'OOMKilled',
          message: `on ${values.hostNode}`,
        },
      ],
      history: [
        {
          id: 'p1',
          title: `outage for ${values.nameAcme}`,
          startedAt: at - 86_400_000,
          services: ['checkout'],
          category: 'database',
          rootCause: `pool on ${values.hostDb}`,
        },
      ],
      missing: [{ source: 'history', reason: `could not be read: ${values.urlApi} refused` }],
      elapsedMs: { metrics: 1, logs: 1, traces: 1, changes: 1, events: 1, history: 1 },
    },
  };
}
