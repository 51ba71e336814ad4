import { createHmac } from 'node:crypto';
import { expect, test } from 'vitest';
import { verifyPagerDutySignature } from './pagerduty-signature.js';

const body = '{"event":{"event_type":"incident.triggered","data":{"title":"Checkout 5xx — café"}}}';
const sign = (secret: string, text = body) =>
  createHmac('sha256', secret).update(Buffer.from(text, 'utf8')).digest('hex');

test.each([
  { name: 'one valid signature', header: `v1=${sign('s3cret')}`, secrets: ['s3cret'], expected: 'valid' },
  {
    name: 'rotation: the new secret signs second',
    header: `v1=${sign('old')},v1=${sign('new')}`,
    secrets: ['new'],
    expected: 'valid',
  },
  {
    name: 'rotation: we still accept the old secret',
    header: `v1=${sign('new')}`,
    secrets: ['old', 'new'],
    expected: 'valid',
  },
  {
    name: 'signed with another secret',
    header: `v1=${sign('other')}`,
    secrets: ['s3cret'],
    expected: 'invalid',
  },
  {
    name: 'a body changed after signing',
    header: `v1=${sign('s3cret', `${body} `)}`,
    secrets: ['s3cret'],
    expected: 'invalid',
  },
  { name: 'no header', header: undefined, secrets: ['s3cret'], expected: 'malformed' },
  { name: 'no v1 entry', header: `v0=${sign('s3cret')}`, secrets: ['s3cret'], expected: 'malformed' },
  { name: 'not hex', header: 'v1=zzzz', secrets: ['s3cret'], expected: 'malformed' },
])('$name → $expected', ({ header, secrets, expected }) => {
  expect(verifyPagerDutySignature(body, header, secrets)).toBe(expected);
});

test('raw bytes are what is signed', () => {
  expect(verifyPagerDutySignature(Buffer.from(body, 'utf8'), `v1=${sign('k')}`, ['k'])).toBe('valid');
});
