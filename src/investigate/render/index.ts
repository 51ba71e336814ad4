export { renderJson } from './json.js';
export { codeSpan, renderMarkdown } from './markdown.js';
export { categoryWords, headline, impactLine, sortedActions } from './sections.js';
export { renderTerminal } from './terminal.js';
