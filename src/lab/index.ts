/**
 * The synthetic incident lab: topologies, a simulator, a fault catalogue, and bundle writers.
 * Deterministic for a given fault, seed and options.
 */

export type { Dialect, LogDialect, MetricDialect, StackDialect } from './emit/dialect.js';
export {
  formatDialect,
  LOG_DIALECTS,
  METRIC_DIALECTS,
  parseDialect,
  STACK_DIALECTS,
} from './emit/dialect.js';
export type { Volume } from './emit/telemetry.js';
export { collectTelemetry, DEFAULT_VOLUME } from './emit/telemetry.js';
export type { FamilyOptions, LabCaseSpec, LabSplit } from './families.js';
export { caseName, LAB_SPLITS, labFamily, TEST_TOPOLOGY_SEED, variantsIn } from './families.js';
export type { FaultName } from './faults/catalogue.js';
export { FAULT_NAMES, faultCatalogue } from './faults/catalogue.js';
export type { FaultType } from './faults/fault.js';
export type { GenerateOptions, GenerateSummary, LabSource } from './generate.js';
export { generateBundle } from './generate.js';
export type { Scenario, ScenarioOptions } from './scenario.js';
export { buildScenario, DEFAULT_SCENARIO } from './scenario.js';
export type { FamilyGenerateOptions, FamilyResult, SuiteOptions, SuiteProgress } from './suite.js';
export { generateFamily, generateSuite } from './suite.js';
export type { LabTopologyName } from './topologies/index.js';
export { generateTopology, labTopologies, resolveTopology } from './topologies/index.js';
export type { LabTopology } from './topology.js';
