export { renderJson } from './json.js';
export { codeSpan, renderMarkdown } from './markdown.js';
export { categoryWords, headline, impactLine, sortedActions } from './sections.js';
export type { SlackBlock, SlackText } from './slack.js';
export { fitText, renderSlackBlocks, SLACK_LIMITS, slackEscape } from './slack.js';
export { renderTerminal } from './terminal.js';
