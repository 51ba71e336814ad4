import type { Command } from 'commander';
import { registerDemo } from './demo.js';
import { registerImport } from './import.js';
import { registerLab } from './lab.js';
import { registerLogs } from './logs.js';
import { registerRank } from './rank.js';
import { registerSql } from './sql.js';
import { registerValidate } from './validate.js';

/** Every sub-command, in the order `nightshift --help` lists them. */
export const commands: ReadonlyArray<(program: Command) => void> = [
  registerDemo,
  registerLab,
  registerValidate,
  registerSql,
  registerLogs,
  registerRank,
  registerImport,
];
