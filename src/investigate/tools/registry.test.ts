/**
 * The tools registry is checked by the compiler: each `@ts-expect-error` below fails
 * `npm run typecheck` if the incomplete tool it marks ever compiles. What a model and a page rely
 * on that the compiler cannot see (the name it is called by, an object input) is checked here.
 */

import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { TOOL_NAMES, tools } from './registry.js';
import { sqlTool } from './sql.js';
import { defineTool, type Tool } from './tool.js';

describe('what does not compile', () => {
  test('a tool without a description, an input schema or a name', () => {
    const { description: _d, ...noDescription } = sqlTool;
    const { input: _i, ...noInput } = sqlTool;
    const registry = {
      sql: sqlTool,
      // @ts-expect-error: `description` is missing
      undescribed: noDescription,
      // @ts-expect-error: `input` is missing
      unchecked: noInput,
    } satisfies Record<string, Tool>;
    expect(Object.keys(registry)).toHaveLength(3);

    // @ts-expect-error: `name` is missing
    const nameless = defineTool({
      description: 'counts nothing',
      input: z.object({}),
      run: () => 0,
      present: (n: number) => n,
    });
    expect(nameless.description).toBe('counts nothing');
  });
});

describe.each(TOOL_NAMES.map((key) => ({ key })))('$key', ({ key }) => {
  const tool: Tool = tools[key];

  test('a model calls it by its registry name', () => {
    expect(tool.name).toBe(key);
    expect(tool.name).toMatch(/^[a-z]+(_[a-z]+)*$/);
  });

  test('says what it answers, and takes an object a model can fill', () => {
    expect(tool.description.length).toBeGreaterThan(40);
    expect(tool.input).toBeInstanceOf(z.ZodObject);
  });
});
