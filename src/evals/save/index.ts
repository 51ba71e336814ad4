/** `eval save`: a recorded investigation → an anonymised eval case in a suite. */
export type { AnonymisedCase } from './anonymise-case.js';
export { anonymiseCase } from './anonymise-case.js';
export type { SavedCase } from './case.js';
export { SAVED_TAG, UNCONFIRMED_TAG } from './case.js';
export type { ExpectedRootCause } from './expected.js';
export { expectedRootCause, serviceNamedIn } from './expected.js';
export { exportMetadataSchema, METADATA_FILE, RECORDING_FILE } from './export-folder.js';
export type { FeedbackNote, FoundInvestigation } from './found.js';
export { NAMES_FILE, parseNames, readNames } from './names.js';
export { formatPreview, formatReplacements } from './preview.js';
export { recordingOf } from './recording.js';
export type { SaveOptions, SaveResult } from './save.js';
export { saveEvalCase } from './save.js';
export { openConfiguredStore } from './store-source.js';
export { NEW_SUITE_TARGET } from './write-suite.js';
