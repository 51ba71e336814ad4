export type { ChangeContext, RankedChange } from './rank.js';
export { closeness, KIND_WEIGHT, rankChanges, relation } from './rank.js';
