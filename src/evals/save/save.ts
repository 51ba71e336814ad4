/**
 * `eval save`: a recorded investigation → an anonymised eval case, previewed, and added to a suite
 * only when asked. Everything the case holds passes through one anonymiser (anonymise-case.ts); the
 * finished YAML is then scanned for secrets once more, and a case that still holds one is refused.
 */
import { stringify } from 'yaml';
import { type ReplacementSummary, redactText } from '../../anonymise/index.js';
import { NightshiftError } from '../../core/index.js';
import type { Store } from '../../store/index.js';
import { recordingSchema } from '../recording/schema.js';
import { loadSuite } from '../suite/load.js';
import { caseNameSchema, caseSchema } from '../suite/schema.js';
import { anonymiseCase } from './anonymise-case.js';
import { buildCase, caseNameFor, type SavedCase } from './case.js';
import { expectedRootCause } from './expected.js';
import { findInvestigation } from './find.js';
import { recordingOf } from './recording.js';
import { suiteExists, writeCase } from './write-suite.js';

export interface SaveOptions {
  /** An investigation id, an investigation folder or file, or an export folder. */
  ref: string;
  suite: string;
  /** The case's name; derived from the alert and its date when absent. */
  name?: string;
  /** Names to replace besides what the anonymiser finds by form. */
  names: readonly string[];
  /** `--root-cause`, `--category`: the user says what the root cause was. */
  rootCause?: string;
  category?: string;
  /** Write the case; without it nothing is written. */
  yes: boolean;
  home: string;
  openStore: () => Promise<Store | undefined>;
}

export interface SaveResult {
  case: SavedCase;
  /** The case as YAML (what the preview shows the start of). */
  yaml: string;
  replaced: ReplacementSummary[];
  notes: string[];
  /** Whether the case was written, and whether that created the suite file. */
  written: boolean;
  created: boolean;
}

export async function saveEvalCase(options: SaveOptions): Promise<SaveResult> {
  const found = await findInvestigation(options.ref, { home: options.home, openStore: options.openStore });
  const { recording, notes } = recordingOf(found);
  const services = [
    ...new Set([
      ...Object.keys(recording.context.services),
      ...Object.values(recording.context.services).flat(),
    ]),
  ];
  const expected = expectedRootCause({
    report: found.report,
    feedback: found.feedback,
    services,
    ...(options.rootCause === undefined ? {} : { service: options.rootCause }),
    ...(options.category === undefined ? {} : { category: options.category }),
  });
  const anonymised = anonymiseCase({
    recording,
    expectedService: expected.service,
    ...(expected.feedback?.rootCause === undefined ? {} : { feedbackText: expected.feedback.rootCause }),
    names: options.names,
  });
  const checked = recordingSchema.safeParse(anonymised.recording);
  if (!checked.success) {
    throw new NightshiftError(
      'INTERNAL',
      `the anonymised recording no longer parses (${checked.error.issues[0]?.path.join('.')}: ${checked.error.issues[0]?.message})`,
    );
  }
  const taken = await caseNames(options.suite);
  const name = chooseName(options.name, anonymised.recording.alert, taken, options.suite);
  const value = buildCase({ name, anonymised, expected, notes });
  const valid = caseSchema.safeParse(value);
  if (!valid.success) {
    throw new NightshiftError(
      'INTERNAL',
      `the saved case does not validate: ${valid.error.issues[0]?.message}`,
    );
  }
  const yaml = stringify(value, { lineWidth: 0 });
  const leaked = redactText(yaml).found;
  if (leaked.length > 0) {
    throw new NightshiftError(
      'INTERNAL',
      `the anonymised case still holds secrets (${leaked.join(', ')}); nothing written`,
      {
        hint: 'Please report this: the anonymiser missed a value it should have replaced.',
      },
    );
  }
  const created = options.yes ? await writeCase(options.suite, value) : false;
  return { case: value, yaml, replaced: anonymised.replaced, notes, written: options.yes, created };
}

async function caseNames(suite: string): Promise<Set<string>> {
  if (!(await suiteExists(suite))) return new Set();
  const loaded = await loadSuite(suite);
  return new Set(loaded.suite.cases.map((c) => c.name));
}

function chooseName(
  given: string | undefined,
  alert: { name: string; startsAt: number },
  taken: ReadonlySet<string>,
  suite: string,
): string {
  if (given === undefined) return caseNameFor(alert.name, alert.startsAt, taken);
  const parsed = caseNameSchema.safeParse(given);
  if (!parsed.success)
    throw new NightshiftError('BAD_INPUT', `--name "${given}": ${parsed.error.issues[0]?.message}`);
  if (taken.has(given)) {
    throw new NightshiftError('ALREADY_EXISTS', `${suite} already has a case named "${given}"`, {
      hint: 'Choose another --name, or leave it out to get a unique one.',
    });
  }
  return given;
}
