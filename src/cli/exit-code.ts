/**
 * A command that has finished and printed what it had to say, but must exit with a code other
 * than 0: `nightshift eval run` exits 100 when a case fails (promptfoo's convention, which CI
 * scripts tell apart from 1, "could not run"). Thrown from the action; main returns its code.
 */
export class ExitCode extends Error {
  constructor(readonly code: number) {
    super(`exit code ${code}`);
    this.name = 'ExitCode';
  }
}
