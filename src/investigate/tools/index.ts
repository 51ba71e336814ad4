export type { ToolCallResult } from './call.js';
export { callTool } from './call.js';
export { capJson, MAX_TOOL_OUTPUT_CHARS } from './cap.js';
export { TOOL_NAMES, type ToolInput, type ToolName, type ToolOutput, tools } from './registry.js';
export type { CacheKey, Dispose, InvestigationCache, InvestigationScope } from './scope.js';
export { cacheKey, createInvestigationScope, withInvestigationScope } from './scope.js';
export type { SimilarIncident } from './similar-incidents.js';
export type { Tool, ToolContext } from './tool.js';
export { defineTool } from './tool.js';
