export { renderJson } from './json.js';
export { renderMarkdown } from './markdown.js';
export { codeBlock, codeSpan, markdownInline, tableCell } from './markdown-text.js';
export {
  APPROVAL_NOTE,
  categoryWords,
  headline,
  impactLine,
  notCheckedText,
  sortedActions,
  sourceText,
  strongestFirst,
} from './sections.js';
export type { SlackOptions } from './slack.js';
export { renderSlackBlocks, SLACK_MAX_ACTIONS } from './slack.js';
export type { SlackBlock, SlackText } from './slack-blocks.js';
export {
  capBlocks,
  fitText,
  SLACK_LIMITS,
  slackCode,
  slackEscape,
  slackLiteral,
  slackPlain,
} from './slack-blocks.js';
export type { TerminalOptions } from './terminal.js';
export { renderTerminal, TERMINAL_TOP_EVIDENCE } from './terminal.js';
export { printable } from './terminal-text.js';
export { withoutUnsafe } from './unsafe-text.js';
