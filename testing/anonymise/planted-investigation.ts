/**
 * A recorded investigation with identifying data and secrets planted everywhere `eval save` reads:
 * the alert's labels and annotations, tool inputs and results (and a failed call's error), the
 * report, and the responders' feedback. Identifier-bearing texts are templates over the planted
 * values, so a test can match the saved text against the same template and read back which token
 * each value became (see template-match.ts). Test support only.
 */
import type { Alert, Report } from '../../src/core/index.js';
import { CONTEXT_ATTRIBUTE } from '../../src/investigate/index.js';
import { ATTR, type SpanRecord, type TraceRecord } from '../../src/tracing/index.js';
import { type PlantedSecret, plantedSecrets } from './corpus.js';

export const IDENTIFIERS = {
  hostDb: { kind: 'host', value: 'db-primary.orders.acme-corp.com' },
  hostWeb: { kind: 'host', value: 'web-07.eu-west.acme-corp.com' },
  hostCache: { kind: 'host', value: 'cache-3.prod.acme-corp.net' },
  hostBatch: { kind: 'host', value: 'batch-runner-2.internal' },
  hostNode: { kind: 'host', value: 'ip-10-1-2-3.eu-west-1.compute.internal' },
  urlApi: { kind: 'url_host', value: 'api.globex-payments.io' },
  urlHooks: { kind: 'url_host', value: 'hooks.partner-acme.com' },
  urlWiki: { kind: 'url_host', value: 'wiki.initech.co' },
  ipWeb: { kind: 'ipv4', value: '10.20.30.40' },
  ipDb: { kind: 'ipv4', value: '172.16.5.9' },
  ipCache: { kind: 'ipv4', value: '10.44.3.12' },
  ipLb: { kind: 'ipv4', value: '192.168.7.21' },
  ipV6: { kind: 'ipv6', value: 'fd12:3456:789a::17' },
  emailJane: { kind: 'email', value: 'jane.doe@acme-corp.com' },
  emailOncall: { kind: 'email', value: 'oncall-lead@acme-corp.com' },
  emailBob: { kind: 'email', value: 'bob.smith@globex.co.uk' },
  userA: { kind: 'user_id', value: 'u-48213' },
  userB: { kind: 'user_id', value: 'u-99120' },
  accountA: { kind: 'account_id', value: 'acct-77121' },
  accountB: { kind: 'account_id', value: '4402913' },
  tenantA: { kind: 'tenant_id', value: 't9x2' },
  tenantB: { kind: 'tenant_id', value: 'tenant-acme-42' },
  nsOrders: { kind: 'namespace', value: 'orders-prod' },
  nsPay: { kind: 'namespace', value: 'payments-eu' },
  podCheckout: { kind: 'pod', value: 'checkout-7d9f8b6c5-x2x4z' },
  podLedger: { kind: 'pod', value: 'ledger-5f6d7c8b9-qwr4z' },
  podWorker: { kind: 'pod', value: 'worker-6c8d9f7b4-mn2kp' },
  nameAcme: { kind: 'name', value: 'Acme Corp' },
  nameGlobex: { kind: 'name', value: 'Globex' },
  nameInitech: { kind: 'name', value: 'Initech' },
  nameJane: { kind: 'name', value: 'Jane Doe' },
} as const;
export type IdKey = keyof typeof IDENTIFIERS;
export type Values = Record<IdKey, string>;
export type Template = (v: Values) => string;

/** The names list given to the anonymiser (`--names`). */
export const LISTED_NAMES = ['Acme Corp', 'Globex', 'Initech', 'Jane Doe'];

/** A service named after a listed customer: it must be pseudonymised, and the expectation with it. */
export const NAMED_SERVICE = 'initech';

export const SERVICES: Record<string, string[]> = {
  frontend: ['checkout'],
  checkout: ['payments', NAMED_SERVICE],
  payments: ['payments-db'],
  'payments-db': [],
  [NAMED_SERVICE]: [],
  ledger: [],
};

/** Where a template's text lands in the saved case's recording (or its description). */
export interface Placement {
  where: string;
  template: Template;
  read: (saved: { recording: SavedRecording; description: string }) => string;
  /** The saved text may go on after the template (the feedback text carries a secret after it). */
  prefix?: boolean;
}

/** The parts of a saved recording the placements read (the rest is checked by schema). */
export interface SavedRecording {
  alert: { labels: Record<string, string>; annotations: Record<string, string> };
  toolCalls: { tool: string; input: Record<string, unknown>; result?: unknown; error?: string }[];
  baseline: Report;
}

export interface PlantedInvestigation {
  alert: Alert;
  report: Report;
  trace: TraceRecord;
  feedback: { grade: 'wrong' | 'partly_correct'; rootCause: string; category?: string; at: number }[];
  secrets: PlantedSecret[];
  placements: Placement[];
}

const AT = Date.parse('2026-03-09T14:42:00Z');
const values = Object.fromEntries(Object.entries(IDENTIFIERS).map(([k, v]) => [k, v.value])) as Values;

const LABELS: Record<string, Template> = {
  instance: (v) => `${v.ipWeb}:9100`,
  host: (v) => v.hostWeb,
  namespace: (v) => v.nsOrders,
  pod: (v) => v.podCheckout,
  tenant: (v) => v.tenantA,
  owner: (v) => v.emailOncall,
  customer: (v) => v.nameAcme,
  account_id: (v) => v.accountB,
};
const SUMMARY: Template = (v) =>
  `5xx on checkout from ${v.hostWeb} (${v.ipWeb}) for tenant=${v.tenantA}, reported by ${v.nameJane}`;
const RUNBOOK: Template = (v) => `https://${v.urlWiki}/runbooks/checkout-5xx`;
const LOG_LINES: Template[] = [
  (v) => `timeout calling https://${v.urlApi}/v2/charges from ${v.podCheckout} user=${v.userA}`,
  (v) => `pool exhausted on ${v.hostDb} (${v.ipDb}) namespace=${v.nsPay} account_id=${v.accountA}`,
  (v) => `cache miss storm on ${v.hostCache} ${v.ipCache} for user=${v.userB} tenant=${v.tenantB}`,
  (v) => `batch import by ${v.nameGlobex} on ${v.hostBatch} via ${v.ipLb} peer ${v.ipV6}`,
  (v) => `webhook to https://${v.urlHooks}/notify failed; mail ${v.emailJane} and ${v.emailBob}`,
  (v) => `node ${v.hostNode} evicted ${v.podWorker} and ${v.podLedger} in namespace=${v.nsOrders}`,
  (v) => `${v.nameInitech} gateway latency up for ${v.nameAcme}`,
];
const INPUT_QUERY: Template = (v) => `errors on ${v.hostDb} namespace=${v.nsPay}`;
const ERROR: Template = (v) => `connect ECONNREFUSED ${v.ipDb}:5432 on ${v.hostDb}`;
const REPORT_SUMMARY: Template = (v) =>
  `HighErrorRate on checkout: 5xx from ${v.podCheckout} on ${v.hostWeb} after ${v.nameAcme}'s traffic`;
const ACTION: Template = (v) => `kubectl -n ${v.nsOrders} delete pod ${v.podCheckout}`;
const EVIDENCE: Template = (v) => `pool exhausted on ${v.hostDb} (${v.ipDb}) seen by ${v.emailJane}`;
const FEEDBACK: Template = (v) =>
  `${v.nameInitech} gateway timed out: its pool on ${v.hostDb} was exhausted by the ${v.nameGlobex} import, per ${v.emailBob}`;

export function plantedInvestigation(): PlantedInvestigation {
  const secrets = plantedSecrets();
  const share = (k: number) => secrets.filter((_, i) => i % 5 === k).map((s) => s.text);
  const [inAlert, inResults, inInputs, inReport, inFeedback] = [0, 1, 2, 3, 4].map(share) as [
    string[],
    string[],
    string[],
    string[],
    string[],
  ];
  const labels = Object.fromEntries(Object.entries(LABELS).map(([k, t]) => [k, t(values)]));
  const alert: Alert = {
    name: 'HighErrorRate',
    service: 'checkout',
    severity: 'critical',
    startsAt: AT,
    labels: { alertname: 'HighErrorRate', service: 'checkout', ...labels },
    annotations: {
      summary: SUMMARY(values),
      runbook_url: RUNBOOK(values),
      ...Object.fromEntries(inAlert.map((text, i) => [`detail_${i}`, text])),
    },
  };
  const report = plantedReport(inReport);
  const trace = plantedTrace(inResults, inInputs);
  const [newest, ...older] = inFeedback;
  return {
    alert,
    report,
    trace,
    feedback: [
      { grade: 'partly_correct', rootCause: older.join('\n'), at: AT + 60_000 },
      {
        grade: 'wrong',
        rootCause: `${FEEDBACK(values)}. ${newest ?? ''}`,
        category: 'dependency_outage',
        at: AT + 120_000,
      },
    ],
    secrets,
    placements: placements(),
  };
}

function plantedReport(secretTexts: string[]): Report {
  return {
    incidentId: 'inc-checkout',
    summary: REPORT_SUMMARY(values),
    impact: { services: ['checkout', 'frontend'], startedAt: AT },
    timeline: secretTexts.map((what, i) => ({ at: AT + i * 1000, what })),
    rootCause: {
      service: 'checkout',
      category: 'bad_deploy',
      description: 'release 2.4.1 of checkout fails on payment calls',
      confidence: 'MEDIUM',
      confidenceReason: 'the deploy preceded the onset',
      changeId: 'chg-481',
    },
    alternatives: [],
    evidence: [
      {
        id: 'ev-1',
        kind: 'log',
        service: 'payments-db',
        summary: EVIDENCE(values),
        strength: 0.6,
        source: { tool: 'search_logs', query: '{"service":"payments-db"}', callId: 'call-1' },
      },
    ],
    actions: [
      {
        kind: 'restart',
        title: 'Restart the failing checkout pod',
        command: ACTION(values),
        rationale: 'a fresh pod clears the pool',
        requiresApproval: true,
      },
    ],
    similarIncidents: [],
    missingSources: [],
  };
}

function plantedTrace(resultTexts: string[], inputTexts: string[]): TraceRecord {
  const context = {
    onset: AT,
    onsetFrom: 'telemetry',
    incidentEnd: AT + 600_000,
    services: SERVICES,
    changeIds: ['chg-481'],
  };
  const span = (
    id: string,
    name: string,
    kind: SpanRecord['kind'],
    attributes: SpanRecord['attributes'],
    error?: string,
  ): SpanRecord => ({
    id,
    ...(id === 'root' ? {} : { parentId: 'root' }),
    name,
    kind,
    startMs: AT,
    endMs: AT + 10,
    status: error === undefined ? 'ok' : 'error',
    ...(error === undefined ? {} : { error }),
    attributes,
  });
  const tool = (id: string, name: string, input: unknown, output?: unknown, error?: string) =>
    span(
      id,
      `tool ${name}`,
      'tool',
      {
        [ATTR.toolName]: name,
        [ATTR.toolCallId]: id,
        [ATTR.toolInput]: JSON.stringify(input),
        ...(output === undefined ? {} : { [ATTR.toolOutput]: JSON.stringify(output) }),
      },
      error,
    );
  return {
    traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
    name: 'investigation',
    startedAt: AT,
    spans: [
      span('root', 'investigation', 'investigation', { [CONTEXT_ATTRIBUTE]: JSON.stringify(context) }),
      tool(
        'call-1',
        'search_logs',
        { service: 'payments-db', query: INPUT_QUERY(values) },
        {
          lines: LOG_LINES.map((t) => t(values)),
        },
      ),
      tool(
        'call-2',
        'search_logs',
        { service: 'checkout', query: inputTexts.join(' ') },
        { lines: resultTexts },
      ),
      ...inputTexts.map((text, i) => tool(`call-${3 + i}`, 'sql', { query: text }, { rows: [] })),
      tool('call-90', 'query_metrics', { service: 'payments-db' }, undefined, ERROR(values)),
    ],
  };
}

function placements(): Placement[] {
  const labels = Object.entries(LABELS).map(([key, template]) => ({
    where: `alert.labels.${key}`,
    template,
    read: ({ recording }: { recording: SavedRecording }) => recording.alert.labels[key] ?? '',
  }));
  const call = (r: SavedRecording, id: number) => r.toolCalls[id];
  return [
    ...labels,
    {
      where: 'alert.annotations.summary',
      template: SUMMARY,
      read: ({ recording }) => recording.alert.annotations.summary ?? '',
    },
    {
      where: 'alert.annotations.runbook_url',
      template: RUNBOOK,
      read: ({ recording }) => recording.alert.annotations.runbook_url ?? '',
    },
    ...LOG_LINES.map((template, i) => ({
      where: `toolCalls.0.result.lines.${i}`,
      template,
      read: ({ recording }: { recording: SavedRecording }) =>
        String((call(recording, 0)?.result as { lines?: string[] } | undefined)?.lines?.[i]),
    })),
    {
      where: 'toolCalls.0.input.query',
      template: INPUT_QUERY,
      read: ({ recording }) => String(call(recording, 0)?.input.query),
    },
    {
      where: 'toolCalls.<last>.error',
      template: ERROR,
      read: ({ recording }) => String(recording.toolCalls.at(-1)?.error),
    },
    {
      where: 'baseline.summary',
      template: REPORT_SUMMARY,
      read: ({ recording }) => recording.baseline.summary,
    },
    {
      where: 'baseline.actions.0.command',
      template: ACTION,
      read: ({ recording }) => String(recording.baseline.actions[0]?.command),
    },
    {
      where: 'baseline.evidence.0.summary',
      template: EVIDENCE,
      read: ({ recording }) => String(recording.baseline.evidence[0]?.summary),
    },
    {
      where: 'description (feedback)',
      template: (v) => `${FEEDBACK(v)}. `,
      prefix: true,
      read: ({ description }) => /feedback \(wrong\): "(.*)"/.exec(description)?.[1] ?? '',
    },
  ];
}
