import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { codeOf, llmAnswerStage, STAGE_NAMES, stages } from './stages.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

test.each([
  ...STAGE_NAMES.map((name) => ({ name, def: stages[name] })),
  { name: 'llm answer', def: llmAnswerStage },
])('stage $name names a file of this repository that defines its function', async ({ def }) => {
  const text = await readFile(`${ROOT}${def.file}`, 'utf8');
  expect(text).toMatch(new RegExp(`(function|const) ${def.function}\\b`));
});

test('codeOf: the LLM brain answers for the ranking, not for reading the sources', () => {
  expect(codeOf('ranking', 'builtin')).toEqual({
    stage: 'ranking',
    ...{ file: stages.ranking.file, function: 'rankSuspects' },
  });
  expect(codeOf('ranking', 'llm').file).toBe(llmAnswerStage.file);
  expect(codeOf('collect', 'llm').file).toBe(stages.collect.file);
});
