/**
 * Log template mining and pattern diffs: pure functions over log messages and mined records.
 */
export type { Atom, AtomKind, MaskedWord } from './masked-words.js';
export { maskMessage, tokenize } from './masked-words.js';
export type { PatternChange, PatternDiffOptions, PatternRecord, PatternWindow } from './pattern-diff.js';
export { DEFAULT_PATTERN_DIFF_OPTIONS, diffPatterns } from './pattern-diff.js';
export { binomialUpperTail, logBinomialUpperTail, rateIncreasePValue } from './rate-test.js';
export type { MinedTemplate, MinerConfig } from './template-miner.js';
export { DEFAULT_MINER_CONFIG, mineTemplates, TemplateMiner } from './template-miner.js';
