/**
 * `nightshift eval`: eval suites for people and coding agents. Editing single cases (list, get,
 * add, replace, delete), running suites (run, runs, compare) and turning a recorded investigation
 * into a case (save) live in their own files; this one only groups them.
 */
import type { Command } from 'commander';
import { registerEvalEdit } from './eval-edit.js';
import { registerEvalRun } from './eval-run.js';
import { registerEvalSave } from './eval-save.js';

export function registerEval(program: Command): void {
  const evalCommand = program
    .command('eval')
    .description(
      'Eval suites (*.eval.yaml): list, read and edit single cases, run suites, save a case from an investigation.',
    );
  registerEvalRun(evalCommand);
  registerEvalEdit(evalCommand);
  registerEvalSave(evalCommand);
}
