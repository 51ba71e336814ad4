/** `nightshift replay`: an investigation re-run from the evidence it collected (docs/replay.md). */
export { reportDifferences } from './compare.js';
export { loadReplaySource, type ReplaySource } from './load.js';
export { type ReplayOptions, replay } from './replay.js';
export { writeReplayFolder } from './write.js';
