export type { ReceivedAlert } from './alertmanager.js';
export { alertmanagerPayloadSchema, parseAlertmanagerPayload } from './alertmanager.js';
export { alertFingerprint } from './fingerprint.js';
export { genericAlertSchema, parseGenericAlert } from './generic.js';
export type { SignatureCheck } from './pagerduty-signature.js';
export { verifyPagerDutySignature } from './pagerduty-signature.js';
