export type { Bm25Hit, Bm25Options } from './bm25.js';
export { Bm25Index, tokenize } from './bm25.js';
