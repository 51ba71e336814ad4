export type { ReceivedAlert } from './alertmanager.js';
export { alertmanagerPayloadSchema, parseAlertmanagerPayload } from './alertmanager.js';
export type { AuthRefusal, AuthRequest, AuthResult } from './auth.js';
export { checkBearer, DEFAULT_TIMESTAMP_TOLERANCE_MS, sameSecret } from './auth.js';
export { bearerAuthSchema, durationSchema, secretSchema } from './auth-schema.js';
export { alertFingerprint } from './fingerprint.js';
export { GENERIC_TIMESTAMP_HEADER, genericAlertSchema, parseGenericAlert } from './generic.js';
export { grafanaPayloadSchema, parseGrafanaPayload } from './grafana.js';
export type { HmacCheck, HmacScheme } from './hmac-signature.js';
export { verifyHmacSignature } from './hmac-signature.js';
export { pagerDutyPayloadSchema, parsePagerDutyPayload } from './pagerduty.js';
export type { SignatureCheck } from './pagerduty-signature.js';
export { verifyPagerDutySignature } from './pagerduty-signature.js';
export type { AlertSourceAuth, AlertSourceAuthShape, AlertSourceKind } from './registry.js';
export {
  ALERT_SOURCES,
  alertSourceAuthShape,
  alertSources,
  checkAlertSourceAuth,
  describeAlertSourceAuth,
  isAlertSource,
  openAlertSources,
} from './registry.js';
export type { AlertSourceDef, AlertSourceSecurity } from './source.js';
export { defineAlertSource } from './source.js';
