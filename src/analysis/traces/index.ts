export type { CallEdge } from './call-graph.js';
export { buildCallGraph, peerOf } from './call-graph.js';
export type { ErrorOrigin } from './error-origin.js';
export { errorOrigins } from './error-origin.js';
export type { LatencyShift } from './latency.js';
export { latencyAttribution, quantile, selfTimes } from './latency.js';
export type { Range } from './window.js';
export { inRange } from './window.js';
