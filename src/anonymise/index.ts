/**
 * Secret redaction: API keys, tokens, passwords and private keys in telemetry and in everything an
 * investigation writes are replaced by `[REDACTED:<kind>]`. Pure functions, no I/O.
 */
export { HIGH_ENTROPY_BITS, HIGH_ENTROPY_HEX_BITS, looksRandom, shannonEntropy } from './entropy.js';
export { isPlaceholder, isSecretName } from './keys.js';
export type { Detector, RedactionKind } from './patterns.js';
export { DETECTORS, REDACTION_KINDS, redactionMarker } from './patterns.js';
export type { IdKind, PseudonymKind } from './pseudonym-rules.js';
export { FIELD_KINDS, PSEUDONYM_KINDS } from './pseudonym-rules.js';
export type { Anonymiser, AnonymiserOptions, ReplacementSummary } from './pseudonyms.js';
export { createAnonymiser } from './pseudonyms.js';
export type { Redacted } from './redact.js';
export { redactDeep, redactString, redactText } from './redact.js';
export {
  redactAlert,
  redactChange,
  redactInfraEvent,
  redactLogRecord,
  redactPastIncident,
  redactSeriesLabels,
  redactSpan,
} from './telemetry.js';
