/**
 * The root cause a saved case expects. The responder's feedback decides when it names a service of
 * the investigation's context (its root cause is prose: "the payments-db pool was exhausted after
 * the deploy" names `payments-db`); a `correct` grade confirms the report's; without either the
 * report's root cause is expected and the case is marked unconfirmed. A `wrong` grade that names no
 * known service cannot be turned into an expectation: the user must say which service it was.
 */
import {
  NightshiftError,
  type Report,
  ROOT_CAUSE_CATEGORIES,
  type RootCauseCategory,
} from '../../core/index.js';
import { closestName } from '../assertions/closest-name.js';
import type { FeedbackNote } from './found.js';

export interface ExpectedRootCause {
  service: string;
  category?: RootCauseCategory;
  /** False when nobody confirmed it: the report's own answer, taken as the expectation. */
  confirmed: boolean;
  /** Where the expectation came from, for the case's description (never quotes the feedback). */
  from: string;
  /** The newest feedback, when there was some (its text is anonymised before it is shown). */
  feedback?: FeedbackNote;
}

export interface ExpectedOptions {
  report: Report;
  feedback: readonly FeedbackNote[];
  /** Every service of the context (graph keys and the services they call). */
  services: readonly string[];
  /** `--root-cause`: the user says which service it was. */
  service?: string;
  /** `--category`. */
  category?: string;
}

export function expectedRootCause(options: ExpectedOptions): ExpectedRootCause {
  const feedback = [...options.feedback].sort((a, b) => b.at - a.at)[0];
  const category = knownCategory(options.category ?? feedback?.category, options.category !== undefined);
  const withCategory = (e: Omit<ExpectedRootCause, 'category' | 'feedback'>): ExpectedRootCause => ({
    ...e,
    ...(category === undefined ? {} : { category }),
    ...(feedback === undefined ? {} : { feedback }),
  });
  if (options.service !== undefined) {
    if (!options.services.includes(options.service)) {
      const guess = closestName(options.service, options.services);
      throw new NightshiftError(
        'BAD_INPUT',
        `--root-cause: "${options.service}" is not a service of the investigation${guess ? `; did you mean "${guess}"?` : ''}`,
        { hint: `Its services: ${options.services.join(', ')}.` },
      );
    }
    return withCategory({ service: options.service, confirmed: true, from: '--root-cause' });
  }
  const named =
    feedback?.rootCause === undefined ? undefined : serviceNamedIn(feedback.rootCause, options.services);
  if (feedback && named) {
    return withCategory({ service: named, confirmed: true, from: `feedback (${feedback.grade})` });
  }
  if (feedback?.grade === 'correct') {
    return withCategory({
      service: options.report.rootCause.service,
      confirmed: true,
      from: 'feedback (correct)',
    });
  }
  if (feedback?.grade === 'wrong') {
    throw new NightshiftError(
      'BAD_INPUT',
      'the feedback says the report was wrong, and its root cause names no service of the investigation',
      { hint: `Pass --root-cause <service> (one of: ${options.services.join(', ')}).` },
    );
  }
  return withCategory({
    service: options.report.rootCause.service,
    confirmed: false,
    from: feedback ? `the report (feedback ${feedback.grade} named no service)` : 'the report (no feedback)',
  });
}

/**
 * The service `text` names: the one mentioned first as a whole word (case-insensitive), the
 * longest at the same place, so `payments-db` wins over `payments` in "payments-db timed out".
 */
export function serviceNamedIn(text: string, services: readonly string[]): string | undefined {
  let best: { service: string; at: number } | undefined;
  for (const service of services) {
    const escaped = service.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    const at = new RegExp(`(?<![\\w-])${escaped}(?![\\w-])`, 'i').exec(text)?.index;
    if (at === undefined) continue;
    if (!best || at < best.at || (at === best.at && service.length > best.service.length))
      best = { service, at };
  }
  return best?.service;
}

function knownCategory(category: string | undefined, strict: boolean): RootCauseCategory | undefined {
  if (category === undefined) return undefined;
  const known = (ROOT_CAUSE_CATEGORIES as readonly string[]).includes(category);
  if (known) return category as RootCauseCategory;
  if (!strict) return undefined;
  const guess = closestName(category, ROOT_CAUSE_CATEGORIES);
  throw new NightshiftError(
    'BAD_INPUT',
    `--category: unknown category "${category}"${guess ? `; did you mean "${guess}"?` : ''}`,
    {
      hint: `Categories: ${ROOT_CAUSE_CATEGORIES.join(', ')}.`,
    },
  );
}
