/**
 * What every exported byte passes through. Secrets are always redacted; with `--anonymise`, one
 * anonymiser per investigation (src/anonymise/pseudonyms.ts) makes the same host the same token in
 * every file of its folder. The structured parts (alert, report, feedback, the trace's JSON
 * attributes) go through `deep` first, so values under id-named fields (`account_id: 4402913`) are
 * caught by their field; then each finished file goes through `text` once more, a second line for
 * anything a renderer added. Both passes share the one anonymiser, so they agree on every token.
 *
 * Service names are kept the way `eval save` keeps them (keptServices in
 * src/evals/save/anonymise-case.ts): a service stays as it is unless its name is itself identifying.
 */
import { createAnonymiser, type ReplacementSummary, redactDeep, redactString } from '../anonymise/index.js';
import { RECORDING_VERSION, type Recording } from '../evals/recording/schema.js';
import { keptServices } from '../evals/save/anonymise-case.js';
import { CONTEXT_ATTRIBUTE, contextOfTrace } from '../investigate/index.js';
import { ATTR, type SpanRecord, type TraceRecord } from '../tracing/index.js';
import type { ExportItem } from './sources.js';

export interface Scrubber {
  readonly anonymised: boolean;
  text(s: string): string;
  deep<T>(value: T): T;
  /** An investigation id: see anonymisedId. */
  id(id: string): string;
  trace(trace: TraceRecord): TraceRecord;
  /** What the anonymiser replaced, by kind (empty without --anonymise). */
  replaced(): ReplacementSummary[];
}

/** Attributes holding JSON text: parsed, anonymised as values (so id fields count), re-serialised. */
const JSON_ATTRIBUTES: readonly string[] = [
  ATTR.toolInput,
  ATTR.toolOutput,
  ATTR.promptMessages,
  ATTR.promptOutput,
  ATTR.baselineReport,
];

/** Redaction only: what an export without `--anonymise` does to every file. */
export function redactingScrubber(): Scrubber {
  return {
    anonymised: false,
    text: redactString,
    deep: redactDeep,
    id: redactString,
    trace: (t) => scrubTrace(t, { text: redactString, deep: redactDeep, context: redactString }),
    replaced: () => [],
  };
}

/** One anonymiser for the whole of `item`'s folder. */
export function anonymisingScrubber(item: ExportItem, names: readonly string[]): Scrubber {
  const listed = [...names];
  const a = createAnonymiser({
    names: listed,
    keep: keptServices(keepProbe(item), item.found.report.rootCause.service, listed),
  });
  /** The services map's keys are names too: `deep` keeps keys, so they go through `text` (as eval save does). */
  const context = (text: string): string => {
    const parsed = parseJson(text) as { services?: Record<string, string[]> } | undefined;
    if (parsed === undefined || typeof parsed !== 'object' || parsed === null) return a.text(text);
    const services: Record<string, string[]> = {};
    for (const [service, calls] of Object.entries(parsed.services ?? {})) {
      services[a.text(service)] = Array.isArray(calls) ? calls.map((c) => a.text(String(c))) : [];
    }
    return JSON.stringify({ ...a.deep(parsed), services });
  };
  const text = (s: string) => a.text(s);
  const deep = <T>(v: T) => a.deep(v);
  return {
    anonymised: true,
    text,
    deep,
    id: (id) => anonymisedId(id, text),
    trace: (t) => scrubTrace(t, { text, deep, context }),
    replaced: () => a.report(),
  };
}

interface TraceScrub {
  text(s: string): string;
  deep<T>(value: T): T;
  /** The recorded context attribute (JSON text). */
  context(text: string): string;
}

/**
 * A trace with every name, error and attribute scrubbed. JSON attributes are parsed first: a secret
 * inside JSON that is itself inside a JSON string (`{"body":"{\"password\":…}"}`) is escaped once
 * more at every level, and only the parsed value shows it to the redaction patterns.
 */
function scrubTrace(trace: TraceRecord, s: TraceScrub): TraceRecord {
  const jsonText = (text: string): string => {
    const parsed = parseJson(text);
    return parsed === undefined ? s.text(text) : JSON.stringify(s.deep(parsed));
  };
  const span = (record: SpanRecord): SpanRecord => {
    const attributes: SpanRecord['attributes'] = {};
    for (const [key, value] of Object.entries(record.attributes)) {
      if (key === CONTEXT_ATTRIBUTE && typeof value === 'string') attributes[key] = s.context(value);
      else if (JSON_ATTRIBUTES.includes(key) && typeof value === 'string') attributes[key] = jsonText(value);
      else attributes[key] = s.deep(value);
    }
    return {
      ...record,
      name: s.text(record.name),
      ...(record.error === undefined ? {} : { error: s.text(record.error) }),
      attributes,
    };
  };
  return { ...trace, name: s.text(trace.name), spans: trace.spans.map(span) };
}

/** The time stamp `investigationId` (src/investigate/run.ts) appends to the incident id. */
const ID_STAMP = /-\d{14}$/;

/**
 * A CLI id is `<incident id>-<yyyymmddhhmmss>`: the stamp glued to the incident id hides a host
 * in it from the anonymiser's rules (a host must not run on into `-2026…`), so the incident id is
 * anonymised on its own and the stamp put back. A store id is a random UUID and comes back as is.
 */
export function anonymisedId(id: string, text: (s: string) => string): string {
  const stamp = ID_STAMP.exec(id)?.[0];
  return stamp === undefined ? text(id) : `${text(id.slice(0, -stamp.length))}${stamp}`;
}

/**
 * keptServices reads the services a recording names; an export has a recording only when the trace
 * kept the context, so the probe is made from what the investigation always has.
 */
function keepProbe(item: ExportItem): Recording {
  const { alert, report, trace } = item.found;
  const context = trace && contextOfTrace(trace);
  return {
    version: RECORDING_VERSION,
    alert,
    context: {
      onset: context?.onset ?? alert.startsAt,
      onsetFrom: context?.onsetFrom ?? 'alert',
      incidentEnd: context?.incidentEnd ?? alert.startsAt,
      services: context?.services ?? {},
      changeIds: [],
    },
    baseline: report,
    toolCalls: [],
    modelCalls: [],
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
