export { draftPostmortem, UNASSIGNED } from './draft.js';
export type { Lessons } from './lessons.js';
export { LESSONS } from './lessons.js';
export { renderPostmortemMarkdown, renderRunbookMarkdown } from './markdown.js';
export type { Runbook } from './runbook.js';
export { runbookChecklist } from './runbook.js';
