/**
 * One anonymiser for everything a saved case holds, so a value gets the same pseudonym in the
 * alert, the tool inputs and results, the baseline report, the context and the expected root cause.
 *
 * Service names are what the case's assertions check and what a replayed model reasons about, so
 * they are kept, unless a service's name is itself identifying (a listed customer name, a host, a
 * pod): then it is pseudonymised like everything else, and because the services map's keys, the
 * report's fields and the expected root cause all pass through the same anonymiser, they keep
 * agreeing on its token.
 */
import { type Anonymiser, createAnonymiser, type ReplacementSummary } from '../../anonymise/index.js';
import type { Recording } from '../recording/schema.js';

export interface AnonymisedCase {
  recording: Recording;
  expectedService: string;
  /** The newest feedback's root cause text, anonymised, when there was one. */
  feedbackText?: string;
  replaced: ReplacementSummary[];
}

export interface AnonymiseCaseInput {
  recording: Recording;
  expectedService: string;
  feedbackText?: string;
  /** Literal names to replace (a company, customers, people): `--names` and the names file. */
  names: readonly string[];
}

export function anonymiseCase(input: AnonymiseCaseInput): AnonymisedCase {
  const { recording } = input;
  const names = [...input.names];
  const a = createAnonymiser({ names, keep: keptServices(recording, input.expectedService, names) });
  const services: Record<string, string[]> = {};
  for (const [service, calls] of Object.entries(recording.context.services)) {
    services[a.text(service)] = calls.map((c) => a.text(c));
  }
  const anonymised: Recording = {
    ...recording,
    alert: a.deep(recording.alert),
    context: { ...recording.context, services, changeIds: a.deep(recording.context.changeIds) },
    baseline: a.deep(recording.baseline),
    toolCalls: a.deep(recording.toolCalls),
    modelCalls: a.deep(recording.modelCalls),
    ...(recording.source === undefined ? {} : { source: a.text(recording.source) }),
  };
  const expectedService = a.text(input.expectedService);
  const feedbackText = input.feedbackText === undefined ? undefined : a.text(input.feedbackText);
  return {
    recording: anonymised,
    expectedService,
    ...(feedbackText === undefined ? {} : { feedbackText }),
    replaced: a.report(),
  };
}

/**
 * The services to keep as they are: every service the case names, except those the anonymiser
 * would change on their own (a listed name, a host or a pod name standing as a service).
 */
export function keptServices(recording: Recording, expectedService: string, names: string[]): string[] {
  const all = new Set<string>([
    ...Object.keys(recording.context.services),
    ...Object.values(recording.context.services).flat(),
    recording.alert.service,
    recording.baseline.rootCause.service,
    ...recording.baseline.impact.services,
    expectedService,
  ]);
  return [...all].filter((service) => !identifying(createAnonymiser({ names }), service));
}

function identifying(probe: Anonymiser, service: string): boolean {
  return probe.text(service) !== service;
}
