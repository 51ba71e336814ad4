/**
 * JSON inside JSON strings: a tool argument that is itself JSON, stored in a trace as JSON text, is
 * two levels deep (`{\\\"password\\\":…}`). A secret-like name must be caught at every level, and
 * the redacted text must still parse at every level.
 */
import { describe, expect, test } from 'vitest';
import { base64url, join } from '../../testing/anonymise/fake-secrets.js';
import { type RedactionKind, redactDeep, redactionMarker, redactText } from './index.js';

const HIDDEN = redactionMarker('secret_assignment');
const LEVELS = [0, 1, 2, 3] as const;
const KEYS = ['password', 'api_key', 'token', 'secret', 'authorization', 'client_secret'] as const;

const jwt = join(base64url('{"alg":"HS256"}'), '.', base64url('{"sub":"user-4821"}'), '.', 'c2lnbmF0dXJl');

/** Values of the common shapes, each with the kind whose marker it must become and a piece that must not survive. */
const SHAPES: { shape: string; value: string | number; kind: RedactionKind; piece: string }[] = [
  { shape: 'word', value: 'hunter2-Xk9mQ2vL', kind: 'secret_assignment', piece: 'Xk9mQ2vL' },
  // Quotes, backslashes and braces are escaped once more at every level: the value must not end early.
  { shape: 'punctuation', value: 'Pw"q7\\z}{\'!', kind: 'secret_assignment', piece: 'q7' },
  { shape: 'control and unicode', value: 'líne1\nline2\tQ9wz☃', kind: 'secret_assignment', piece: 'Q9wz' },
  {
    shape: 'base64',
    value: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    kind: 'secret_assignment',
    piece: 'bPxRfiCY',
  },
  {
    shape: 'bearer',
    value: 'Bearer 8f14e45fceea167a5a36dedd4bea2543',
    kind: 'secret_assignment',
    piece: 'fceea167',
  },
  { shape: 'jwt', value: jwt, kind: 'jwt', piece: 'c2lnbmF0dXJl' },
  { shape: 'number', value: 48_213_377, kind: 'secret_assignment', piece: '48213377' },
];

/** `value` as JSON, then `levels` times as a JSON string inside another object (as traces store tool input). */
function nest(value: unknown, levels: number): string {
  let text = JSON.stringify(value);
  for (let i = 0; i < levels; i++) text = JSON.stringify({ tool: 'query_logs', input: text });
  return text;
}

/** The inverse of `nest`: parses every level, so it throws if redaction broke the escaping of any. */
function unnest(text: string, levels: number): unknown {
  let value: unknown = JSON.parse(text);
  for (let i = 0; i < levels; i++) value = JSON.parse((value as { input: string }).input);
  return value;
}

const rows = LEVELS.flatMap((levels) =>
  KEYS.flatMap((key) =>
    SHAPES.map((shape) => ({ title: `${key}, ${shape.shape}, ${levels} levels`, levels, key, ...shape })),
  ),
);

describe.each(rows)('$title', ({ levels, key, value, kind, piece }) => {
  const marker = redactionMarker(kind);
  const text = nest({ user: 'ops', [key]: value, note: 'kept "as is"' }, levels);

  test('redactText hides the value and every level still parses', () => {
    const out = redactText(text);
    expect(out.found).toContain(kind);
    expect(out.text).not.toContain(piece);
    expect(unnest(out.text, levels)).toEqual({ user: 'ops', [key]: marker, note: 'kept "as is"' });
  });

  test('redacting again changes nothing', () => {
    const once = redactText(text).text;
    expect(redactText(once)).toEqual({ text: once, found: [] });
  });

  test('redactDeep hides it in a span attribute', () => {
    const out = redactDeep({ 'tool.input': text });
    expect(unnest(out['tool.input'], levels)).toEqual({ user: 'ops', [key]: marker, note: 'kept "as is"' });
  });
});

describe.each(LEVELS)('%i levels of escaping, left alone', (levels) => {
  test.each([
    {
      name: 'placeholders',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a ${VAR} reference is the case under test
      value: { password: '${DB_PASSWORD}', token: '', client_secret: '***', api_key: null },
    },
    { name: 'flags and counts', value: { use_token: true, secrets: 2, token: 0 } },
    {
      name: 'names that only contain a secret word',
      value: {
        tokens: 1_200_000,
        max_tokens: 4096,
        password_reset: 'sent',
        secret_arn: 'arn:aws:x:secret:db',
      },
    },
    {
      name: 'prose about secrets',
      value: { msg: 'password: Required', error: 'failed to refresh token: timeout' },
    },
  ])('$name', ({ value }) => {
    const text = nest(value, levels);
    expect(redactText(text)).toEqual({ text, found: [] });
  });
});

test.each(LEVELS)('a value cut off at the end of the text is hidden (%i levels)', (levels) => {
  const text = nest({ user: 'ops', password: 'hunter2-Xk9mQ2vL-and-more' }, levels);
  const cut = text.slice(0, text.indexOf('-and-more'));
  const out = redactText(cut);
  expect(out.found).toEqual(['secret_assignment']);
  expect(out.text).not.toContain('Xk9mQ2vL');
  expect(out.text.startsWith(cut.slice(0, cut.indexOf('hunter2')))).toBe(true);
});

test('two secrets at different levels of one text are both hidden, the rest kept', () => {
  const inner = nest({ client_secret: 'cs-7Hq2Zk9Wm', scope: 'read' }, 2);
  const text = JSON.stringify({ token: 'tk-3Rf8Lp2Nx', input: inner });
  const out = JSON.parse(redactText(text).text) as { token: string; input: string };
  expect(out.token).toBe(HIDDEN);
  expect(unnest(out.input, 2)).toEqual({ client_secret: HIDDEN, scope: 'read' });
});

test.each(LEVELS)('a logfmt secret in a log line kept as JSON is hidden (%i levels)', (levels) => {
  const text = nest({ msg: 'db connect password=Pw9xK2mQ host=db "primary"', path: 'C:\\tmp\\x' }, levels);
  const out = redactText(text);
  expect(unnest(out.text, levels)).toEqual({
    msg: `db connect password=${HIDDEN} host=db "primary"`,
    path: 'C:\\tmp\\x',
  });
});

test.each(LEVELS)(
  'an unquoted value ends before the backslash that escapes its closing quote (%i levels)',
  (levels) => {
    const text = nest({ msg: 'retrying with token=tk4821Zq9' }, levels);
    expect(unnest(redactText(text).text, levels)).toEqual({ msg: `retrying with token=${HIDDEN}` });
  },
);
