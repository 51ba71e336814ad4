import type { Command } from 'commander';
import { registerAccuracy } from './accuracy.js';
import { registerAnalyze } from './analyze.js';
import { registerBacktest } from './backtest.js';
import { registerDemo } from './demo.js';
import { registerDiff } from './diff.js';
import { registerEval } from './eval.js';
import { registerExport } from './export.js';
import { registerImport } from './import.js';
import { registerInvestigate } from './investigate.js';
import { registerLab } from './lab.js';
import { registerLogs } from './logs.js';
import { registerRank } from './rank.js';
import { registerReplay } from './replay.js';
import { registerConfig, registerServe } from './serve.js';
import { registerSql } from './sql.js';
import { registerTrace } from './trace.js';
import { registerValidate } from './validate.js';
import { registerWorker } from './worker.js';

/** Every sub-command, in the order `nightshift --help` lists them. */
export const commands: ReadonlyArray<(program: Command) => void> = [
  registerDemo,
  registerInvestigate,
  registerTrace,
  registerEval,
  registerExport,
  registerReplay,
  registerDiff,
  registerServe,
  registerConfig,
  registerLab,
  registerValidate,
  registerSql,
  registerLogs,
  registerRank,
  registerImport,
  registerAccuracy,
  registerBacktest,
  registerAnalyze,
  registerWorker,
];
