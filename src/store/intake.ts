import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Db } from './db.js';
import { isTransientConflict, isUniqueViolation } from './db-errors.js';
import { recordEventId, saveState, staleReason, stateOf } from './intake-order.js';
import { type Dialect, retrying, writeTransaction } from './transaction.js';
import type { IncomingAlert, IntakeOptions, IntakeOutcome, JobKind } from './types.js';

/**
 * One delivery, decided atomically. On PostgreSQL concurrent intakes of one group key queue on a
 * transaction-scoped advisory lock, so "is there an open investigation of this group?" cannot be
 * answered twice before either inserts; SQLite gets the same from BEGIN IMMEDIATE. The partial
 * unique index on firing fingerprints backs this up when one fingerprint arrives under two group
 * keys: the loser hits a unique violation and its retry sees the winner's row as a duplicate.
 *
 * Replays change nothing (intake-order.ts): a delivery id already received is ignored, and so is a
 * delivery older than the latest state applied to its fingerprint.
 */
export async function intakeAlert(
  db: Kysely<Db>,
  dialect: Dialect,
  alert: IncomingAlert,
  options: IntakeOptions,
): Promise<IntakeOutcome> {
  // Most deliveries in a storm repeat a firing alert: one atomic UPDATE settles them without a
  // transaction or a lock. Anything else (or a miss racing a first delivery) takes the full path,
  // and so does a delivery with an id: recording the id must commit with what it decided.
  if (alert.status === 'firing' && alert.eventId === undefined) {
    const known = await countDelivery(db, alert);
    if (known) return { kind: 'duplicate', alertId: known.id, investigationId: known.investigation_id };
  }
  const decide = () =>
    writeTransaction(db, dialect, async (trx) => {
      if (dialect === 'postgres') {
        await sql`select pg_advisory_xact_lock(hashtextextended(${alert.groupKey}, 0))`.execute(trx);
      }
      const { eventId } = alert;
      if (eventId !== undefined && !(await recordEventId(trx, { ...alert, eventId }))) {
        return { kind: 'ignored', reason: `event ${eventId} (${alert.source}) already received` } as const;
      }
      return alert.status === 'resolved' ? resolve(trx, alert, options) : fire(trx, alert, options);
    });
  return retrying(decide, (e) => isUniqueViolation(e) || isTransientConflict(e));
}

function countDelivery(db: Kysely<Db>, alert: IncomingAlert) {
  return db
    .updateTable('alerts')
    .set((eb) => ({ deliveries: eb('deliveries', '+', 1), last_seen_at: alert.receivedAt }))
    .where('fingerprint', '=', alert.fingerprint)
    .where('resolved_at', 'is', null)
    .returning(['id', 'investigation_id'])
    .executeTakeFirst();
}

function firingAlertOf(trx: Kysely<Db>, fingerprint: string) {
  return trx
    .selectFrom('alerts')
    .select(['id', 'investigation_id'])
    .where('fingerprint', '=', fingerprint)
    .where('resolved_at', 'is', null)
    .executeTakeFirst();
}

async function fire(trx: Kysely<Db>, alert: IncomingAlert, options: IntakeOptions): Promise<IntakeOutcome> {
  const known = await countDelivery(trx, alert);
  if (known !== undefined)
    return { kind: 'duplicate', alertId: known.id, investigationId: known.investigation_id };
  const state = await stateOf(trx, alert.fingerprint);
  const stale = staleReason(alert, state);
  if (stale !== undefined) return { kind: 'ignored', reason: stale };
  await saveState(trx, alert, state);

  const open = await trx
    .selectFrom('investigations')
    .select('id')
    .where('group_key', '=', alert.groupKey)
    .where('resolved_at', 'is', null)
    .where('created_at', '>', alert.receivedAt - options.groupWindowMs)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (open !== undefined) {
    const alertId = await insertAlert(trx, alert, open.id);
    return { kind: 'grouped', alertId, investigationId: open.id };
  }

  const investigationId = randomUUID();
  await trx
    .insertInto('investigations')
    .values({
      id: investigationId,
      status: 'queued',
      group_key: alert.groupKey,
      title: `${alert.name} on ${alert.service}`,
      service: alert.service,
      severity: alert.severity,
      created_at: alert.receivedAt,
      attempts: 0,
    })
    .execute();
  const alertId = await insertAlert(trx, alert, investigationId);
  await queueJob(trx, 'investigate', investigationId, alert.receivedAt, options.maxAttempts);
  return { kind: 'new', alertId, investigationId };
}

async function resolve(
  trx: Kysely<Db>,
  alert: IncomingAlert,
  options: IntakeOptions,
): Promise<IntakeOutcome> {
  const known = await firingAlertOf(trx, alert.fingerprint);
  const state = await stateOf(trx, alert.fingerprint);
  const stale = staleReason(alert, state);
  if (known === undefined) {
    // Remember a resolve even of an alert not firing here, so its trigger arriving late (PagerDuty
    // does not promise order) is seen as older and does not open an investigation that never ends.
    if (alert.eventAt !== undefined && stale === undefined) await saveState(trx, alert, state);
    const seen = await trx
      .selectFrom('alerts')
      .select('id')
      .where('fingerprint', '=', alert.fingerprint)
      .executeTakeFirst();
    const reason = seen === undefined ? 'unknown fingerprint' : 'already resolved';
    return { kind: 'ignored', reason: `resolve of ${alert.fingerprint}: ${reason}` };
  }
  if (stale !== undefined) return { kind: 'ignored', reason: stale };
  await saveState(trx, alert, state);

  await trx
    .updateTable('alerts')
    .set((eb) => ({
      status: 'resolved',
      resolved_at: alert.receivedAt,
      ends_at: alert.endsAt ?? alert.receivedAt,
      last_seen_at: alert.receivedAt,
      deliveries: eb('deliveries', '+', 1),
    }))
    .where('id', '=', known.id)
    .execute();
  const stillFiring = await firingInInvestigation(trx, known.investigation_id);
  const allResolved = stillFiring === 0;
  if (allResolved) {
    await trx
      .updateTable('investigations')
      .set({ resolved_at: alert.receivedAt })
      .where('id', '=', known.investigation_id)
      .execute();
    await queueJob(trx, 'resolve', known.investigation_id, alert.receivedAt, options.maxAttempts);
  }
  return { kind: 'resolved', alertId: known.id, investigationId: known.investigation_id, allResolved };
}

async function firingInInvestigation(trx: Kysely<Db>, investigationId: string): Promise<number> {
  const { n } = await trx
    .selectFrom('alerts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('investigation_id', '=', investigationId)
    .where('resolved_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(n);
}

async function insertAlert(trx: Kysely<Db>, alert: IncomingAlert, investigationId: string): Promise<string> {
  const id = randomUUID();
  await trx
    .insertInto('alerts')
    .values({
      id,
      investigation_id: investigationId,
      fingerprint: alert.fingerprint,
      source: alert.source,
      status: alert.status,
      group_key: alert.groupKey,
      name: alert.name,
      service: alert.service,
      severity: alert.severity,
      labels: JSON.stringify(alert.labels),
      annotations: JSON.stringify(alert.annotations),
      starts_at: alert.startsAt,
      ends_at: alert.endsAt ?? null,
      received_at: alert.receivedAt,
      last_seen_at: alert.receivedAt,
      deliveries: 1,
    })
    .execute();
  return id;
}

function queueJob(
  trx: Kysely<Db>,
  kind: JobKind,
  investigationId: string,
  runAt: number,
  maxAttempts: number,
) {
  return trx
    .insertInto('jobs')
    .values({
      id: randomUUID(),
      kind,
      investigation_id: investigationId,
      status: 'queued',
      attempts: 0,
      max_attempts: maxAttempts,
      run_at: runAt,
      created_at: runAt,
    })
    .execute();
}
