import { describe, expect, test } from 'vitest';
import { plantedSecrets, survivingSecrets } from '../../testing/anonymise/corpus.js';
import { REDACTION_KINDS, redactDeep, redactionMarker, redactText } from './index.js';

const corpus = plantedSecrets();

describe('the planted corpus', () => {
  test('holds at least 40 secrets of every kind, each one unique', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(40);
    expect(new Set(corpus.map((p) => p.kind))).toEqual(new Set(REDACTION_KINDS));
    expect(new Set(corpus.map((p) => p.secret)).size).toBe(corpus.length);
    expect(new Set(corpus.map((p) => p.name)).size).toBe(corpus.length);
    expect(survivingSecrets(corpus.map((p) => p.text).join('\n'), corpus)).toEqual(corpus);
  });

  test('is the same on every build (integration tests plant it in several processes)', () => {
    expect(plantedSecrets()).toEqual(corpus);
  });
});

describe.each(corpus)('$kind: $name', (planted) => {
  test('redactText removes it and reports its kind alone', () => {
    const { text, found } = redactText(planted.text);
    expect(survivingSecrets(text, [planted])).toEqual([]);
    expect(text).toContain(redactionMarker(planted.kind));
    expect(found).toEqual([planted.kind]);
  });

  test('redacting the redacted text changes nothing', () => {
    const once = redactText(planted.text).text;
    expect(redactText(once)).toEqual({ text: once, found: [] });
  });

  test('redactDeep removes it from an attribute, a nested message and a list', () => {
    const value = {
      'http.url': planted.text,
      nested: { message: planted.text, items: [planted.text, 42, true] },
    };
    const out = redactDeep(value);
    expect(survivingSecrets(JSON.stringify(out), [planted])).toEqual([]);
    expect(out.nested.items.slice(1)).toEqual([42, true]);
    expect(out['http.url']).toContain(redactionMarker(planted.kind));
  });
});
