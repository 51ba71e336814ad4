export type { BundleRanking } from './rank-bundle.js';
export { rankBundle } from './rank-bundle.js';
