import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IncomingAlert, IntakeOptions, IntakeOutcome, Store } from '../../src/store/types.js';
import { alert, OPTIONS, T0 } from './contract-fixtures.js';

/**
 * The store contract's part on replayed and out-of-order deliveries: delivery ids are deduplicated
 * for a retention, and a delivery older than the state already applied to its fingerprint changes
 * nothing. Run by storeContract for every implementation.
 */
export function replayContract(name: string, open: () => Promise<Store>): void {
  describe(`store contract, replays: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
      await store.migrate();
    });
    afterEach(async () => {
      await store.close();
    });

    /** Delivers each alert in turn and returns the outcome kinds. */
    async function kinds(deliveries: Partial<IncomingAlert>[], options: IntakeOptions = OPTIONS) {
      const outcomes: IntakeOutcome[] = [];
      for (const d of deliveries) outcomes.push(await store.intake(alert(d), options));
      return outcomes.map((o) => o.kind);
    }

    /** Everything intake writes that a replay must not change. */
    async function snapshot() {
      const investigations = await store.listInvestigations({ limit: 100 });
      const alerts = await Promise.all(investigations.map((i) => store.alertsOf(i.id)));
      return { investigations, alerts, jobs: await store.pendingJobs() };
    }

    it('a repeated event id is ignored and changes nothing, whatever the delivery says', async () => {
      expect(await kinds([{ eventId: 'ev-1', eventAt: T0 }])).toEqual(['new']);
      const before = await snapshot();
      const repeats = [
        alert({ eventId: 'ev-1', eventAt: T0, receivedAt: T0 + 1_000 }),
        alert({ eventId: 'ev-1', status: 'resolved', eventAt: T0 + 5_000, receivedAt: T0 + 2_000 }),
      ];
      for (const repeat of repeats) {
        expect(await store.intake(repeat, OPTIONS)).toEqual({
          kind: 'ignored',
          reason: 'event ev-1 (alertmanager) already received',
        });
      }
      // Not even the delivery count moves: a duplicate would have counted it.
      expect(await snapshot()).toEqual(before);
    });

    it('20 concurrent deliveries of one event id make one investigation', async () => {
      const outcomes = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          store.intake(alert({ eventId: 'ev-c', receivedAt: T0 + i }), OPTIONS),
        ),
      );
      expect(outcomes.filter((o) => o.kind === 'new')).toHaveLength(1);
      expect(outcomes.filter((o) => o.kind === 'ignored')).toHaveLength(19);
      const [investigation] = await store.listInvestigations({ limit: 10 });
      expect((await store.alertsOf(investigation?.id ?? '')).map((a) => a.deliveries)).toEqual([1]);
    });

    it('event ids are per source', async () => {
      expect(
        await kinds([
          { eventId: 'ev-1', source: 'pagerduty' },
          { eventId: 'ev-1', source: 'generic', fingerprint: 'fp-b', groupKey: 'other' },
        ]),
      ).toEqual(['new', 'new']);
    });

    it('a firing not newer than the resolve is ignored; a later one opens a new investigation', async () => {
      const started = T0 - 30_000;
      expect(
        await kinds([
          { eventAt: started },
          { status: 'resolved', eventAt: T0 + 4_000, receivedAt: T0 + 5_000 },
        ]),
      ).toEqual(['new', 'resolved']);
      const before = await snapshot();
      // Alertmanager's late retry of the episode (same startsAt), and a firing at the resolve's time.
      const late = await kinds([
        { eventAt: started, receivedAt: T0 + 6_000 },
        { eventAt: T0 + 4_000, receivedAt: T0 + 7_000 },
      ]);
      expect(late).toEqual(['ignored', 'ignored']);
      expect(await snapshot()).toEqual(before);
      // A new episode: a new, later start (Alertmanager) or incident.reopened (PagerDuty).
      expect(await kinds([{ eventAt: T0 + 9_000, receivedAt: T0 + 10_000 }])).toEqual(['new']);
      expect(await store.listInvestigations({ limit: 10 })).toHaveLength(2);
    });

    it('the ignored firing says why', async () => {
      await kinds([{ eventAt: T0 }, { status: 'resolved', eventAt: T0 + 4_000 }]);
      expect(await store.intake(alert({ eventAt: T0 }), OPTIONS)).toEqual({
        kind: 'ignored',
        reason:
          'firing of fp-a at 2023-11-14T22:13:20.000Z is not newer than its latest state ' +
          '(resolved at 2023-11-14T22:13:24.000Z): a late retry or a replay',
      });
    });

    it('a resolve older than the latest firing does not resolve; a newer one does', async () => {
      expect(
        await kinds([
          { eventAt: T0 },
          { status: 'resolved', eventAt: T0 - 1, receivedAt: T0 + 1_000 },
          { status: 'resolved', eventAt: T0, receivedAt: T0 + 2_000 },
        ]),
      ).toEqual(['new', 'ignored', 'resolved']);
      expect((await store.pendingJobs()).map((j) => j.kind).sort()).toEqual(['investigate', 'resolve']);
    });

    it('a resolve that overtakes its trigger keeps the late trigger out', async () => {
      expect(
        await kinds([
          { status: 'resolved', eventAt: T0 + 5_000 },
          { eventAt: T0, receivedAt: T0 + 1_000 },
        ]),
      ).toEqual(['ignored', 'ignored']);
      expect(await store.listInvestigations({ limit: 10 })).toEqual([]);
    });

    it('without event times nothing is ordered, as before', async () => {
      expect(
        await kinds([
          { eventAt: T0 },
          { status: 'resolved', receivedAt: T0 + 1_000 },
          { receivedAt: T0 + 2_000 },
        ]),
      ).toEqual(['new', 'resolved', 'new']);
      // The last known time stays: a replay of the first firing is still caught.
      expect(await kinds([{ eventAt: T0, receivedAt: T0 + 3_000 }])).toEqual(['duplicate']);
      await kinds([{ status: 'resolved', receivedAt: T0 + 4_000 }]);
      expect(await kinds([{ eventAt: T0, receivedAt: T0 + 5_000 }])).toEqual(['ignored']);
    });

    it('event ids are forgotten after the retention', async () => {
      const options = { ...OPTIONS, eventRetentionMs: 60_000 };
      const first = { eventId: 'ev-1', eventAt: T0 };
      const second = { eventId: 'ev-2', fingerprint: 'fp-b', groupKey: 'other' };
      expect(await kinds([first], options)).toEqual(['new']);
      // Within the retention the id is remembered, though this delivery prunes older ids.
      expect(await kinds([{ ...first, receivedAt: T0 + 59_000 }], options)).toEqual(['ignored']);
      expect(await kinds([{ ...second, receivedAt: T0 + 59_500 }], options)).toEqual(['new']);
      // Past the retention (ids are pruned every eighth of it) ev-1 is gone, and the delivery is
      // decided on its merits: the alert is still firing, so a duplicate. ev-2 is still recent.
      expect(await kinds([{ ...first, receivedAt: T0 + 70_000 }], options)).toEqual(['duplicate']);
      expect(await kinds([{ ...second, receivedAt: T0 + 71_000 }], options)).toEqual(['ignored']);
    });
  });
}
