/** Assertions over the output's text, with promptfoo's names and meanings. */
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { defineAssertion, quote, verdict } from './assertion.js';
import { outputJson, outputText } from './read-output.js';

const NO_TEXT = 'the target produced no text';

export const equalsAssertion = defineAssertion({
  description: 'The text equals a string exactly, or the JSON output deeply equals a non-string value.',
  value: z.unknown(),
  check(output, value) {
    if (typeof value !== 'string') {
      const read = outputJson(output);
      if (!read.ok) return verdict(false, `expected JSON equal to ${quote(value)}, but ${read.why}`);
      return verdict(
        isDeepStrictEqual(read.json, value),
        `expected JSON equal to ${quote(value)}, found ${quote(read.json)}`,
      );
    }
    const text = outputText(output);
    if (text === undefined) return verdict(false, `expected ${quote(value)}, but ${NO_TEXT}`);
    return verdict(text === value, `expected the text to equal ${quote(value)}, found ${quote(text)}`);
  },
});

/** A substring check, optionally ignoring case. */
function containsAssertion(ignoreCase: boolean) {
  const how = ignoreCase ? 'contain (ignoring case)' : 'contain';
  return defineAssertion({
    description: `The text contains a string${ignoreCase ? ', ignoring case' : ''}.`,
    value: z.string(),
    check(output, value) {
      const text = outputText(output);
      if (text === undefined)
        return verdict(false, `expected the text to ${how} ${quote(value)}, but ${NO_TEXT}`);
      const found = ignoreCase ? text.toLowerCase().includes(value.toLowerCase()) : text.includes(value);
      return verdict(found, `expected the text to ${how} ${quote(value)}, found ${quote(text)}`);
    },
  });
}

export const containsTextAssertion = containsAssertion(false);
export const icontainsAssertion = containsAssertion(true);

function isRegex(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

export const regexAssertion = defineAssertion({
  description: 'The text matches a JavaScript regular expression (no flags).',
  value: z.string().refine(isRegex, 'not a valid JavaScript regular expression'),
  check(output, value) {
    const text = outputText(output);
    if (text === undefined) return verdict(false, `expected the text to match /${value}/, but ${NO_TEXT}`);
    return verdict(
      new RegExp(value).test(text),
      `expected the text to match /${value}/, found ${quote(text)}`,
    );
  },
});

export const startsWithAssertion = defineAssertion({
  description: 'The text starts with a string.',
  value: z.string(),
  check(output, value) {
    const text = outputText(output);
    if (text === undefined)
      return verdict(false, `expected the text to start with ${quote(value)}, but ${NO_TEXT}`);
    return verdict(
      text.startsWith(value),
      `expected the text to start with ${quote(value)}, found ${quote(text)}`,
    );
  },
});
