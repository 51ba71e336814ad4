export type { ChangeContext, RankedChange } from './rank.js';
export { closeness, KIND_WEIGHT, onsetFor, rankChanges, relation } from './rank.js';
