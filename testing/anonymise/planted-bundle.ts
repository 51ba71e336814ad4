/**
 * A bundle with the whole planted-secret corpus in it: in log messages and attributes, span
 * attributes, changes, events and past incidents, at the incident's time, as errors of the services
 * the brief talks about. Tests run an investigation or a server over it and check that no planted
 * value reaches any sink.
 */
import { join } from 'node:path';
import { openBundle, writeBundle } from '../../src/bundle/index.js';
import type { PlantedSecret } from './corpus.js';

const SPEC_BUNDLE = join(import.meta.dirname, '../../test/fixtures/spec-bundle');

async function all<T>(records: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const r of records) out.push(r);
  return out;
}

/** Writes the spec fixture bundle with `corpus` planted in it to `dir`. */
export async function writePlantedBundle(dir: string, corpus: readonly PlantedSecret[]): Promise<void> {
  const b = await openBundle(SPEC_BUNDLE);
  const logs = await all(b.logs());
  const spans = await all(b.spans());
  const changes = await all(b.changes());
  const events = await all(b.events());
  const history = await all(b.history());
  const at = b.incident.alert.startsAt;
  const texts = corpus.map((p) => p.text);
  await writeBundle(dir, {
    incident: b.incident,
    ...(b.topology && { topology: b.topology }),
    metrics: await all(b.metrics()),
    // Each planted line twice (so log mining keeps it as its own pattern), at the incident, as errors
    // of the services the brief talks about.
    logs: [
      ...logs,
      ...corpus.flatMap((p, i) =>
        [0, 1].map((k) => ({
          ts: at + 1_000 * i + k * 100,
          service: i % 2 === 0 ? 'payments' : 'db-proxy',
          level: 'error' as const,
          message: p.text,
          traceId: '9f1c0de4a7b2',
          attrs: { 'exception.message': p.text, password: p.secret },
        })),
      ),
    ],
    spans: spans.map((s, i) => ({
      ...s,
      attrs: {
        ...s.attrs,
        'http.request.header.authorization': texts[i] ?? '',
        'db.statement': texts.join(' '),
      },
    })),
    // Changes, events and past incidents are quoted in the brief (timeline, evidence, similar
    // incidents), so without redaction their secrets would reach the report itself.
    changes: changes.map((c) => ({
      ...c,
      summary: `${c.summary} ${texts.join(' ')}`,
      diff: texts.join('\n'),
    })),
    events: events.map((e) => ({ ...e, message: `${e.message} ${texts.join(' ')}` })),
    history: history.map((h) => ({
      ...h,
      title: `${h.title} ${texts.join(' ')}`,
      rootCause: `${h.rootCause} ${texts.join(' ')}`,
    })),
  });
}
