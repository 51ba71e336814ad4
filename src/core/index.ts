export { untilAborted } from './abort.js';
export type { ErrorCode, Fetched, Problem } from './errors.js';
export { formatProblem, NightshiftError, ValidationError } from './errors.js';
export type { HttpAnswer, HttpFailureKind, HttpRequest } from './http.js';
export { abortError, HttpError, httpJson, httpText, replaceSecrets, safeEndpoint } from './http.js';
export { forEachBounded } from './pool.js';
export type { ActionItem, Postmortem } from './postmortem-schema.js';
export { actionItemSchema, postmortemSchema } from './postmortem-schema.js';
export type { Action, Confidence, Evidence, Hypothesis, Report } from './report-schema.js';
export {
  ACTION_KINDS,
  actionSchema,
  CONFIDENCE_LEVELS,
  confidenceSchema,
  EVIDENCE_KINDS,
  evidenceSchema,
  hypothesisSchema,
  reportSchema,
} from './report-schema.js';
export type {
  Alert,
  Change,
  ChangeKind,
  Incident,
  InfraEvent,
  LogLevel,
  LogRecord,
  MetricSample,
  PastIncident,
  RootCauseCategory,
  Series,
  ServiceKind,
  Severity,
  Span,
  TimeWindow,
  Topology,
  TopologyService,
  Truth,
} from './schema.js';
export {
  alertSchema,
  CHANGE_KINDS,
  changeKindSchema,
  changeSchema,
  incidentSchema,
  infraEventSchema,
  LOG_LEVELS,
  logLevelSchema,
  logRecordSchema,
  metricSampleSchema,
  pastIncidentSchema,
  ROOT_CAUSE_CATEGORIES,
  rootCauseCategorySchema,
  SERVICE_KINDS,
  SEVERITIES,
  serviceKindSchema,
  spanSchema,
  timestampSchema,
  timeWindowSchema,
  topologySchema,
  truthSchema,
} from './schema.js';
export type { Interval } from './stats.js';
export { wilsonInterval, Z95 } from './stats.js';
export {
  DAY_MS,
  formatDuration,
  HOUR_MS,
  MINUTE_MS,
  parseDuration,
  parseTimestamp,
  SECOND_MS,
  TIMESTAMP_EXPECTATION,
  toIso,
} from './time.js';
export type { TimeRange } from './time-range.js';
