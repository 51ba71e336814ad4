/**
 * An investigation as a folder of files, for people (markdown), tools (JSON) and a coding agent
 * that greps: the report, the postmortem draft, the runbook checklist and the trace as a tree.
 */
import { formatTraceTree } from '../tracing/index.js';
import {
  draftPostmortem,
  renderPostmortemMarkdown,
  renderRunbookMarkdown,
  runbookChecklist,
} from './postmortem/index.js';
import { renderJson, renderMarkdown } from './render/index.js';
import type { Investigation } from './run.js';

export function investigationFiles(inv: Investigation): Record<string, string> {
  const postmortem = draftPostmortem(inv.report, inv.alert);
  return {
    'report.md': renderMarkdown(inv.report),
    'report.json': renderJson(inv.report),
    'postmortem.md': renderPostmortemMarkdown(postmortem),
    'postmortem.json': `${JSON.stringify(postmortem, null, 2)}\n`,
    'runbook.md': renderRunbookMarkdown(runbookChecklist(inv.report)),
    'trace.txt': formatTraceTree(inv.trace),
  };
}
