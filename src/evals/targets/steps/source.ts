/** What a stage reads when it needs a bundle. */
import { NightshiftError } from '../../../core/index.js';
import type { ResolvedSource } from '../target.js';

/** The bundle folder of a case, or a BAD_INPUT error saying the stage needs one. */
export function bundleDir(source: ResolvedSource, step: string): string {
  if (source.kind === 'bundle') return source.dir;
  throw new NightshiftError('BAD_INPUT', `the ${step} step needs input.lab or input.bundle`);
}
