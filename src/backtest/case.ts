/**
 * A backtest case: one bundle investigated and scored. This is the JSON each case row of the store
 * holds, parsed back with zod when read (a row written by another version is reported, not trusted).
 */
import { z } from 'zod';
import { CONFIDENCE_LEVELS } from '../core/index.js';

export const backtestCaseSchema = z.object({
  /** The bundle's folder, relative to the suite. */
  id: z.string(),
  labels: z.record(z.string(), z.string()),
  /** The truth's root cause, and what the report answered. */
  expected: z.object({ service: z.string(), category: z.string(), change: z.string().optional() }),
  /** Absent when the investigation failed. */
  answered: z
    .object({
      service: z.string(),
      category: z.string(),
      change: z.string().optional(),
      ranked: z.array(z.string()),
    })
    .optional(),
  top1: z.boolean(),
  top3: z.boolean(),
  category: z.boolean(),
  change: z.boolean().optional(),
  falseChange: z.boolean().optional(),
  /** Absent when the investigation failed (such a case is left out of calibration). */
  confidence: z.enum(CONFIDENCE_LEVELS).optional(),
  /** The investigation's elapsed time: alert to brief. */
  timeToBriefMs: z.number(),
  costUsd: z.number(),
  tokens: z.number(),
  /** When the investigation could not run: its error; the case counts as wrong everywhere. */
  error: z.string().optional(),
});

export type BacktestCase = z.infer<typeof backtestCaseSchema>;
