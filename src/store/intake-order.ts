import type { Kysely } from 'kysely';
import { toIso } from '../core/index.js';
import type { Db } from './db.js';
import type { AlertStatus, IncomingAlert } from './types.js';

/**
 * Intake's guards against replayed and out-of-order deliveries. Senders retry (PagerDuty with the
 * same event id, Alertmanager re-sending a firing alert every repeat_interval), deliveries overtake
 * each other, and anyone holding a signed request can send it again. Two records stop these from
 * reopening or resolving an alert: the delivery ids already received (per source, for a
 * retention), and per fingerprint the latest state applied with the sender's time of it.
 * Every function runs inside intake's transaction, so the check and the write are one step.
 */

/** The latest state intake applied to one fingerprint. */
export interface AlertState {
  status: AlertStatus;
  /** The sender's time of that state; undefined when no applied delivery carried one. */
  eventAt: number | undefined;
}

/**
 * Records a delivery's id; false when the id was already received from the same source (the
 * delivery is a repeat). The primary key decides, so two concurrent deliveries of one id cannot
 * both record it: on PostgreSQL the second insert waits for the first transaction and then does
 * nothing.
 */
export async function recordEventId(trx: Kysely<Db>, alert: IncomingAlert & { eventId: string }) {
  const result = await trx
    .insertInto('intake_events')
    .values({ source: alert.source, event_id: alert.eventId, received_at: alert.receivedAt })
    .onConflict((oc) => oc.columns(['source', 'event_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

export async function stateOf(trx: Kysely<Db>, fingerprint: string): Promise<AlertState | undefined> {
  const row = await trx
    .selectFrom('alert_states')
    .select(['status', 'event_at'])
    .where('fingerprint', '=', fingerprint)
    .executeTakeFirst();
  return row === undefined
    ? undefined
    : { status: row.status as AlertStatus, eventAt: row.event_at ?? undefined };
}

/**
 * Why a delivery is older than the state already applied, or undefined when it may be applied.
 * A firing (of an alert not firing now) must be strictly newer than the latest state: a firing
 * with the same start as a resolved episode is that episode's late retry, while a new episode
 * starts later (Alertmanager gives it a new startsAt; PagerDuty's incident.reopened occurs after
 * the resolve). A resolve may share its time with the firing it ends. Without a time on either
 * side there is nothing to compare and the delivery is applied, as before ordering existed.
 */
export function staleReason(alert: IncomingAlert, state: AlertState | undefined): string | undefined {
  if (alert.eventAt === undefined || state?.eventAt === undefined) return undefined;
  const newEnough =
    alert.status === 'firing' ? alert.eventAt > state.eventAt : alert.eventAt >= state.eventAt;
  if (newEnough) return undefined;
  const what = alert.status === 'firing' ? 'firing' : 'resolve';
  const than = alert.status === 'firing' ? 'not newer than' : 'older than';
  return (
    `${what} of ${alert.fingerprint} at ${toIso(alert.eventAt)} is ${than} its latest state ` +
    `(${state.status} at ${toIso(state.eventAt)}): a late retry or a replay`
  );
}

/**
 * Records the state a delivery applied. The time only moves forward: a delivery without a time
 * changes the status and keeps the last known time, so a replay of an older event is still
 * caught.
 */
export async function saveState(
  trx: Kysely<Db>,
  alert: IncomingAlert,
  previous: AlertState | undefined,
): Promise<void> {
  const times = [previous?.eventAt, alert.eventAt].filter((t): t is number => t !== undefined);
  const eventAt = times.length === 0 ? null : Math.max(...times);
  await trx
    .insertInto('alert_states')
    .values({
      fingerprint: alert.fingerprint,
      status: alert.status,
      event_at: eventAt,
      updated_at: alert.receivedAt,
    })
    .onConflict((oc) =>
      oc
        .column('fingerprint')
        .doUpdateSet({ status: alert.status, event_at: eventAt, updated_at: alert.receivedAt }),
    )
    .execute();
}

/** Deletes delivery ids received before `before`; returns how many. */
export async function pruneEventIds(db: Kysely<Db>, before: number): Promise<number> {
  const result = await db.deleteFrom('intake_events').where('received_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Prunes delivery ids older than the retention, at most once per interval of delivery time, so
 * the table stays as small as a retention's worth of deliveries for the price of one indexed
 * delete per interval. The interval is an eighth of the retention (ids live at most 12.5% longer
 * than asked), capped at an hour. One per store instance: the state is the instance's, not the
 * module's, and two processes pruning the same rows is harmless.
 */
export class EventIdPruner {
  private dueAt = Number.NEGATIVE_INFINITY;

  async pruneWhenDue(db: Kysely<Db>, now: number, retentionMs: number): Promise<void> {
    if (now < this.dueAt) return;
    this.dueAt = now + Math.min(retentionMs / 8, 3_600_000);
    await pruneEventIds(db, now - retentionMs);
  }
}
