export type { Findings, Provenance, SignalSource } from './findings.js';
export { evidenceOf, rankerEvidence, SIGNAL_SOURCES, signalSourcesOf } from './findings.js';
export { SPECIALIST_NAMES, type SpecialistName, specialists } from './registry.js';
export { runSpecialists } from './run.js';
export type { RankerEvidence, Specialist } from './specialist.js';
export { defineSpecialist } from './specialist.js';
