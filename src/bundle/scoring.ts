/**
 * The one entry to a bundle's truth, for scoring code: backtests, evals, benchmarks and the lab.
 * Investigation code must not import this module (a test in this folder enforces it).
 */
export { readTruth } from './truth.js';
