/**
 * Parses a connector's settings given in code (a config file goes through core's readYamlSection,
 * which names lines). A bad setting is one BAD_INPUT error listing every field, with a hint that
 * says what the connector accepts.
 */
import type { z } from 'zod';
import { NightshiftError } from '../core/index.js';

export function parseSettings<S extends z.ZodType>(
  schema: S,
  input: unknown,
  connector: string,
  hint: string,
): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new NightshiftError('BAD_INPUT', `bad ${connector} settings: ${problems.join('; ')}`, { hint });
}
