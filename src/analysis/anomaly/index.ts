export type { ChangePoint, ChangePointOptions, CusumOptions, Direction } from './change-points.js';
export { detectChangePoints, TwoSidedCusum } from './change-points.js';
export type { IncidentWindow, IncidentWindowOptions, SeriesEvidence } from './incident-window.js';
export { detectIncidentWindow, seriesId, weightedMedian } from './incident-window.js';
export type { RobustBaseline } from './robust-stats.js';
export {
  MAD_TO_SIGMA,
  magnitudeOf,
  median,
  quantileSorted,
  RELATIVE_SCALE_FLOOR,
  resolutionOf,
  robustBaseline,
  scaleFloor,
} from './robust-stats.js';
export { SEASON_DAYS, SeasonalHistory, sameTimeReference } from './seasonal.js';
export type { ShiftScore, ShiftWindows } from './shift-score.js';
export { NOISE_Z, SUSTAIN_POINTS, scoreShift } from './shift-score.js';
export { SortedWindow } from './sorted-window.js';
export type { StreamingScore, StreamingScorerOptions } from './streaming-scorer.js';
export { StreamingAnomalyScorer } from './streaming-scorer.js';
export { TopTwoWindow } from './top-two-window.js';
