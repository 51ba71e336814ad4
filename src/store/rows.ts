import type { Selectable } from 'kysely';
import type { AlertsTable, FeedbackTable, InvestigationsTable, JobsTable } from './db.js';
import type {
  AlertStatus,
  Feedback,
  Grade,
  InvestigationRow,
  InvestigationStatus,
  Job,
  JobKind,
  StoredAlert,
} from './types.js';

/** JSON columns are text in both dialects; `undefined` (not serialisable) is stored as NULL. */
export function toJson(value: unknown): string | null {
  return JSON.stringify(value) ?? null;
}

function fromJson(text: string | null): unknown {
  return text === null ? undefined : JSON.parse(text);
}

function opt<T>(value: T | null): T | undefined {
  return value ?? undefined;
}

/** Drops keys whose value is undefined, so rows compare with `toEqual` and print cleanly. */
function compact<T extends object>(row: T): T {
  return Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined)) as T;
}

/** Every investigation column except the trace, which only `getTrace` reads. */
export type InvestigationSelect = Omit<Selectable<InvestigationsTable>, 'trace'>;

export function toInvestigation(row: InvestigationSelect): InvestigationRow {
  return compact({
    id: row.id,
    status: row.status as InvestigationStatus,
    groupKey: row.group_key,
    title: row.title,
    service: row.service,
    severity: row.severity,
    createdAt: row.created_at,
    startedAt: opt(row.started_at),
    finishedAt: opt(row.finished_at),
    firstBriefAt: opt(row.first_brief_at),
    briefIntentAt: opt(row.brief_intent_at),
    resolvedAt: opt(row.resolved_at),
    brain: opt(row.brain),
    report: fromJson(row.report),
    category: opt(row.category),
    thread:
      row.thread_channel === null || row.thread_ts === null
        ? undefined
        : { channel: row.thread_channel, ts: row.thread_ts },
    attempts: row.attempts,
    error: opt(row.error),
  });
}

export function toAlert(row: Selectable<AlertsTable>): StoredAlert {
  return compact({
    id: row.id,
    investigationId: row.investigation_id,
    fingerprint: row.fingerprint,
    source: row.source,
    status: row.status as AlertStatus,
    groupKey: row.group_key,
    name: row.name,
    service: row.service,
    severity: row.severity,
    labels: JSON.parse(row.labels) as Record<string, string>,
    annotations: JSON.parse(row.annotations) as Record<string, string>,
    startsAt: row.starts_at,
    endsAt: opt(row.ends_at),
    receivedAt: row.received_at,
    lastSeenAt: row.last_seen_at,
    deliveries: row.deliveries,
    resolvedAt: opt(row.resolved_at),
  });
}

export function toJob(row: Selectable<JobsTable>): Job {
  return compact({
    id: row.id,
    kind: row.kind as JobKind,
    investigationId: row.investigation_id,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    runAt: row.run_at,
    leaseOwner: opt(row.lease_owner),
    leaseUntil: opt(row.lease_until),
    lastError: opt(row.last_error),
  });
}

export function toFeedback(row: Selectable<FeedbackTable>): Feedback {
  return compact({
    id: row.id,
    investigationId: row.investigation_id,
    grade: row.grade as Grade,
    rootCause: opt(row.root_cause),
    category: opt(row.category),
    by: opt(row.by),
    at: row.at,
  });
}
