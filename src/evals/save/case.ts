/**
 * The eval case a saved investigation becomes: an `investigation` case on its recording, expecting
 * the root cause (from feedback, or the report's, marked unconfirmed), with evidence that cites
 * real tool calls and safe actions.
 *
 * The recording is inline. One file stays self-contained: `addCase` validates and writes it in one
 * atomic step (a second file could be left behind, or go missing, when the other write fails), the
 * no-secrets check reads one file, and `eval get` shows the whole case. The length costs little:
 * `eval list` never prints bodies and the CLI edits one case at a time.
 */
import { caseNameSchema } from '../suite/schema.js';
import type { AnonymisedCase } from './anonymise-case.js';
import type { ExpectedRootCause } from './expected.js';

export const SAVED_TAG = 'saved';
export const UNCONFIRMED_TAG = 'unconfirmed';

/** A case as written to the suite (before the suite schema's defaults). */
export interface SavedCase {
  name: string;
  description: string;
  tags: string[];
  input: { recording: Record<string, unknown> };
  assert: { type: string; value?: unknown }[];
}

export interface CaseParts {
  name: string;
  anonymised: AnonymisedCase;
  expected: ExpectedRootCause;
  /** Notes on how the recording was made (the baseline used, calls left out). */
  notes: readonly string[];
}

export function buildCase({ name, anonymised, expected, notes }: CaseParts): SavedCase {
  const { recording } = anonymised;
  const feedback = expected.feedback;
  const said = anonymised.feedbackText === undefined ? '' : `: "${oneLine(anonymised.feedbackText)}"`;
  const description = [
    `Saved from ${recording.source ?? 'a recorded investigation'}: ${recording.alert.name} on ${recording.alert.service}.`,
    `Expected root cause ${anonymised.expectedService} from ${expected.from}${feedback ? said : ''}${expected.confirmed ? '' : ', unconfirmed'}.`,
    `${recording.toolCalls.length} recorded tool result(s); no model responses are recorded, so it runs live (eval run --model …) or against the built-in brain.`,
    ...notes.map((n) => `${n.charAt(0).toUpperCase()}${n.slice(1)}.`),
  ].join(' ');
  return {
    name,
    description,
    tags: expected.confirmed ? [SAVED_TAG] : [SAVED_TAG, UNCONFIRMED_TAG],
    input: { recording: recording as unknown as Record<string, unknown> },
    assert: [
      {
        type: 'root-cause',
        value: {
          service: anonymised.expectedService,
          ...(expected.category === undefined ? {} : { category: expected.category }),
        },
      },
      { type: 'evidence-cited' },
      { type: 'actions-safe' },
    ],
  };
}

/**
 * `<alert name>-<yyyy-mm-dd>` as a case name, made unique against `taken` with `-2`, `-3`, …
 * Built from the anonymised alert, so the name leaks nothing the case hides.
 */
export function caseNameFor(alertName: string, startsAtMs: number, taken: ReadonlySet<string>): string {
  const slug =
    alertName
      .toLowerCase()
      .replace(/[^a-z0-9._:-]+/g, '-')
      .replace(/^[^a-z0-9]+|-+$/g, '')
      .slice(0, 60) || 'saved';
  const base = `${slug}-${new Date(startsAtMs).toISOString().slice(0, 10)}`;
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
  return caseNameSchema.parse(name);
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat;
}
