/**
 * The anonymiser over a generated lab incident: identifying data goes, and everything an eval
 * reads to recognise the incident stays (service names, span names, metric names, template words).
 */
import { expect, test } from 'vitest';
import { observe } from '../../testing/lab/support.js';
import { createAnonymiser } from './index.js';

/**
 * Template words, counted: words of three letters or more in tokens without a digit (a digit marks
 * a value: an address, an id, a pod hash). None of the original's may be lost.
 */
function words(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const token of text.split(/[\s,;:()"'<>=[\]{}]+/)) {
    if (/\d/.test(token)) continue;
    for (const w of token.match(/[A-Za-z]{3,}/g) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  return counts;
}

function lostWords(before: string, after: string): string[] {
  const kept = words(after);
  return [...words(before)].filter(([w, n]) => (kept.get(w) ?? 0) < n).map(([w]) => w);
}

test('a lab incident keeps its services, span and metric names and template words', () => {
  const { logs, spans, metrics } = observe('bad-deploy').telemetry();
  const services = [...new Set([...logs, ...spans].map((r) => r.service))];
  const a = createAnonymiser({ keep: services });
  const lost: string[] = [];
  let changed = 0;
  for (const log of logs) {
    const out = a.text(log.message);
    if (out !== log.message) changed += 1;
    const missing = lostWords(log.message, out);
    if (missing.length > 0) lost.push(`${log.message} -> ${missing.join(',')}`);
  }
  for (const span of spans) {
    const out = a.deep(span);
    expect([out.service, out.name, out.traceId, out.spanId]).toEqual([
      span.service,
      span.name,
      span.traceId,
      span.spanId,
    ]);
  }
  for (const sample of metrics.slice(0, 5_000)) expect(a.deep(sample)).toEqual(sample);
  expect(logs.length).toBeGreaterThan(5_000);
  expect(
    lost
      .slice(0, 1000)
      .map((l) => l.replace(/\d+/g, 'N'))
      .filter((l, i, all) => all.indexOf(l) === i),
  ).toEqual([]);
  // The identifying data the lab emits: client and upstream addresses in access and proxy logs,
  // `user u-…` in session and experiment lines, and the order-worker's pod name.
  expect(a.report().map((r) => r.kind)).toEqual(['ipv4', 'user_id', 'pod']);
  const fraction = changed / logs.length;
  expect(fraction).toBeGreaterThan(0.01);
  expect(fraction).toBeLessThan(0.5);
}, 60_000);
