export type { ReceivedAlert } from './alertmanager.js';
export { alertmanagerPayloadSchema, parseAlertmanagerPayload } from './alertmanager.js';
export { alertFingerprint } from './fingerprint.js';
