import { expect, test } from 'vitest';
import { base64url, join } from '../../testing/anonymise/fake-secrets.js';
import { isSecretName, redactDeep } from './index.js';

const HIDDEN = '[REDACTED:secret_assignment]';
const jwt = join(
  base64url('{"alg":"HS256"}'),
  '.',
  base64url('{"sub":"user-4821"}'),
  '.',
  'c2lnbmF0dXJlLW9mLXRoZS10b2tlbg',
);

test.each<{ name: string; value: unknown; expected: unknown }>([
  {
    name: 'a password field',
    value: { user: 'ops', password: 'hunter2' },
    expected: { user: 'ops', password: HIDDEN },
  },
  { name: 'a numeric secret', value: { hmacSecret: 12_345_678 }, expected: { hmacSecret: HIDDEN } },
  { name: 'a camelCase api key', value: { apiKey: 'plain-but-secret' }, expected: { apiKey: HIDDEN } },
  {
    name: 'a header named like a secret',
    value: {
      'http.request.header.x-api-key': 'abc123',
      'http.request.header.authorization': `Bearer ${jwt}`,
    },
    expected: {
      'http.request.header.x-api-key': HIDDEN,
      'http.request.header.authorization': 'Bearer [REDACTED:jwt]',
    },
  },
  {
    name: 'a value under a secret name that is more than a known secret is hidden wholly',
    value: { authorization: `Bearer ${jwt} extra` },
    expected: { authorization: HIDDEN },
  },
  {
    name: 'every element of a secret list',
    value: { secrets: ['first-one', 'second-one'] },
    expected: { secrets: [HIDDEN, HIDDEN] },
  },
  {
    name: 'an object under a secret-like name is judged by its own keys',
    value: { credentials: { username: 'bob', password: 'pw-4821' } },
    expected: { credentials: { username: 'bob', password: HIDDEN } },
  },
  {
    name: 'placeholders, flags, counts and empties stay',
    value: {
      token: '',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a ${VAR} reference is the case under test
      password: '${DB_PASSWORD}',
      use_token: true,
      secrets: 2,
      client_secret: '***',
      apiKey: null,
    },
    expected: {
      token: '',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a ${VAR} reference is the case under test
      password: '${DB_PASSWORD}',
      use_token: true,
      secrets: 2,
      client_secret: '***',
      apiKey: null,
    },
  },
  {
    name: 'names that only contain a secret word stay',
    value: {
      tokens: 1_200_000,
      token_count: 123_456,
      secret_arn: 'arn:aws:secretsmanager:x',
      password_reset: 'sent',
    },
    expected: {
      tokens: 1_200_000,
      token_count: 123_456,
      secret_arn: 'arn:aws:secretsmanager:x',
      password_reset: 'sent',
    },
  },
  {
    name: 'strings under ordinary names are scanned as text',
    value: { db: { url: 'postgres://app:pw-4821@db:5432/x' }, lines: ['ok', 'password=pw-4821'] },
    expected: {
      db: { url: 'postgres://app:[REDACTED:url_password]@db:5432/x' },
      lines: ['ok', `password=${HIDDEN}`],
    },
  },
])('redactDeep: $name', ({ value, expected }) => {
  expect(redactDeep(value)).toEqual(expected);
});

test('an untouched value is returned as it is, and the input is never changed', () => {
  const clean = { service: 'checkout', attrs: { 'http.status_code': 504, tags: ['a', 'b'] } };
  expect(redactDeep(clean)).toBe(clean);
  const dirty = { ok: clean, password: 'hunter2' };
  const out = redactDeep(dirty);
  expect(out.ok).toBe(clean);
  expect(dirty.password).toBe('hunter2');
});

test('class instances are left alone', () => {
  const at = new Date(0);
  expect(redactDeep({ at }).at).toBe(at);
});

test.each([
  ['password', true],
  ['db_password', true],
  ['githubToken', true],
  ['X-Api-Key', true],
  ['client_secret', true],
  ['private_key', true],
  ['aws_secret_access_key', true],
  ['secrets', true],
  ['tokens', false],
  ['max_tokens', false],
  ['secret_arn', false],
  ['password_reset', false],
  ['key', false],
])('isSecretName(%s) is %s', (name, expected) => {
  expect(isSecretName(name)).toBe(expected);
});
