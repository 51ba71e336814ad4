import { describe, expect, test } from 'vitest';
import { parseDocument } from 'yaml';
import { locateCases } from './case-blocks.js';
import { scanCases } from './scan-cases.js';

const exact = (text: string) =>
  locateCases(parseDocument(text, { keepSourceTokens: true }), text, 'f.eval.yaml');

describe('scanCases finds exactly what the parser finds', () => {
  test.each([
    {
      name: 'comments, quoting, blank lines and a block scalar',
      text: `# head\ntarget: {type: x}\ncases:\n  # about a\n  - name: a   # trailing\n    tags: [x]\n    # inner\n\n  # about b\n  - name: "b"\n    description: |\n      multi\n      # not a comment\n      line\n# section\n\n  - name: 'c'\n    input: {vars: {x: 1}}\n# end\n`,
    },
    {
      name: 'a list at column 0, then another key',
      text: `cases:\n- name: a\n\n- name: b\n  repeat: 2\ndefaults:\n  repeat: 1\n`,
    },
    {
      name: 'the dash alone on its line',
      text: `target: {type: x}\ncases:\n  -\n    name: a\n    repeat: 1\n  - name: b\n`,
    },
    { name: 'no newline at the end', text: `cases:\n  - name: a\n  - name: b` },
    { name: 'no cases key', text: `target: {type: x}\n` },
  ])('$name', ({ text }) => {
    expect(scanCases(text)).toEqual(exact(text));
  });

  test.each([
    { name: 'a flow list', text: 'cases: [{name: a}]\n' },
    { name: 'several documents', text: 'cases:\n  - name: a\n---\ncases: []\n' },
    { name: 'cases nested under another key', text: 'x:\n  cases:\n    - name: a\n' },
    { name: 'cases followed by a map', text: 'cases:\n  name: a\n' },
  ])('gives up on $name', ({ text }) => {
    expect(scanCases(text)).toBeUndefined();
  });
});
