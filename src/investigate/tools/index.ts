export type { ToolCallResult } from './call.js';
export { callTool } from './call.js';
export { capJson, MAX_TOOL_OUTPUT_CHARS } from './cap.js';
export { TOOL_NAMES, type ToolName, tools } from './registry.js';
export type { SimilarIncident } from './similar-incidents.js';
export { closeSql } from './sql.js';
export type { Tool, ToolContext } from './tool.js';
export { defineTool } from './tool.js';
