/**
 * A copy of a bundle moved in time, so live servers (Prometheus evaluating a rule "now") can hold a
 * lab incident as if it were happening now. Every timestamp moves by the same amount; truth.yaml
 * is left behind (the end-to-end test compares against the original).
 */
import { openBundle, writeBundle } from '../../src/bundle/index.js';

export async function shiftBundle(from: string, to: string, shiftMs: number): Promise<void> {
  const b = await openBundle(from);
  const all = async <T>(it: AsyncIterable<T>): Promise<T[]> => {
    const out: T[] = [];
    for await (const x of it) out.push(x);
    return out;
  };
  const { incident } = b;
  await writeBundle(
    to,
    {
      incident: {
        ...incident,
        alert: {
          ...incident.alert,
          startsAt: incident.alert.startsAt + shiftMs,
          ...(incident.alert.endsAt !== undefined && { endsAt: incident.alert.endsAt + shiftMs }),
        },
        window: { start: incident.window.start + shiftMs, end: incident.window.end + shiftMs },
      },
      ...(b.topology && { topology: b.topology }),
      metrics: (await all(b.metrics())).map((s) => ({ ...s, ts: s.ts + shiftMs })),
      logs: (await all(b.logs())).map((r) => ({ ...r, ts: r.ts + shiftMs })),
      spans: (await all(b.spans())).map((s) => ({ ...s, start: s.start + shiftMs })),
      changes: (await all(b.changes())).map((c) => ({ ...c, ts: c.ts + shiftMs })),
      events: (await all(b.events())).map((e) => ({ ...e, ts: e.ts + shiftMs })),
      history: await all(b.history()),
    },
    { gzip: true, force: true },
  );
}
