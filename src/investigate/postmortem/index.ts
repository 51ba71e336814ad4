export { draftPostmortem, FOR_RESPONDERS, ownerOf, SLOW_DETECTION_MINUTES, UNASSIGNED } from './draft.js';
export type { Lessons } from './lessons.js';
export { LESSONS } from './lessons.js';
export { renderPostmortemMarkdown, renderRunbookMarkdown } from './markdown.js';
export type { Runbook, RunbookStep } from './runbook.js';
export { RECOVERY_MINUTES, runbookChecklist } from './runbook.js';
