import { createHmac } from 'node:crypto';
import { expect, test } from 'vitest';
import { type HmacScheme, verifyHmacSignature } from './hmac-signature.js';

const NOW = 1_773_068_400_000;
const TS = String(NOW / 1000);
const body = Buffer.from('{"name":"café"}', 'utf8');
const hex = (text: string | Buffer) => createHmac('sha256', 's3cret').update(text).digest('hex');
const ours: HmacScheme = {
  secret: 's3cret',
  prefix: 'required',
  separator: '.',
  timestampRequired: false,
  toleranceMs: 300_000,
};
const grafana: HmacScheme = { ...ours, prefix: 'optional', separator: ':', timestampRequired: true };

test.each([
  {
    name: 'ours, body only',
    scheme: ours,
    signature: `sha256=${hex(body)}`,
    timestamp: undefined,
    result: 'valid',
  },
  {
    name: 'ours, timestamped',
    scheme: ours,
    signature: `sha256=${hex(`${TS}.${body}`)}`,
    timestamp: TS,
    result: 'valid',
  },
  {
    name: 'ours without the prefix',
    scheme: ours,
    signature: hex(body),
    timestamp: undefined,
    result: 'invalid',
  },
  {
    name: 'ours, Grafana’s separator',
    scheme: ours,
    signature: `sha256=${hex(`${TS}:${body}`)}`,
    timestamp: TS,
    result: 'invalid',
  },
  {
    name: 'Grafana, bare hex of ts:body',
    scheme: grafana,
    signature: hex(`${TS}:${body}`),
    timestamp: TS,
    result: 'valid',
  },
  {
    name: 'Grafana, no timestamp',
    scheme: grafana,
    signature: hex(body),
    timestamp: undefined,
    result: 'no-timestamp',
  },
  { name: 'no signature', scheme: ours, signature: undefined, timestamp: TS, result: 'missing' },
  {
    name: 'milliseconds or a date',
    scheme: ours,
    signature: `sha256=${hex(body)}`,
    timestamp: '2026-03-09',
    result: 'bad-timestamp',
  },
  {
    name: '301 s old',
    scheme: ours,
    signature: `sha256=${hex(`${Number(TS) - 301}.${body}`)}`,
    timestamp: String(Number(TS) - 301),
    result: 'stale',
  },
])('$name → $result', ({ scheme, signature, timestamp, result }) => {
  expect(verifyHmacSignature({ rawBody: body, signature, timestamp }, scheme, NOW).result).toBe(result);
});
