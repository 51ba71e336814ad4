/**
 * Confirmed cases: the investigations whose answer a person checked, reduced to what accuracy
 * counts. Today a case comes from feedback (the latest a responder gave per investigation); a
 * backtest will add a second source of the same shape (its scorer fills `changeRight`, which
 * feedback cannot). Unconfirmed reports never become cases. Pure: no clock, no I/O.
 */
import { type Confidence, reportSchema } from '../core/index.js';
import type { Feedback, InvestigationRow } from '../store/index.js';

/**
 * Where the truth of a case came from: a responder's feedback, or a backtest scoring a replayed
 * incident against its known root cause (src/backtest/accuracy-cases.ts).
 */
export type CaseSource = 'feedback' | 'backtest';

/** The root cause as the truth grades it: `correct`, `partly_correct`, or anything else. */
export type RootCauseVerdict = 'right' | 'partly' | 'wrong';

/** One confirmed incident, as accuracy counts it. */
export interface ConfirmedCase {
  investigationId: string;
  source: CaseSource;
  /** When the investigation was created; `--since` filters on it. */
  createdAt: number;
  /** The alert's service (the investigation's). */
  service: string;
  /** The first alert's account label (see ACCOUNT_LABELS); undefined when it carries none. */
  account: string | undefined;
  /** The first alert's environment label (see ENVIRONMENT_LABELS); undefined when it carries none. */
  environment: string | undefined;
  /** The root-cause category the report named (the `--by category` split). */
  category: string;
  /** The confidence the report gave its root cause. */
  confidence: Confidence;
  rootCause: RootCauseVerdict;
  /** The truth gave no different category. */
  categoryRight: boolean;
  /** Whether the causing change was found; undefined where the truth does not say (feedback never does yet). */
  changeRight: boolean | undefined;
}

/** An investigation a responder graded that cannot be counted, and why. */
export interface SkippedCase {
  investigationId: string;
  createdAt: number;
  /** `no report`: it failed or is unfinished; `unreadable report`: stored in a shape this version cannot parse. */
  reason: 'no report' | 'unreadable report';
}

/**
 * Alert labels that name the account an incident belongs to, most specific first: a SaaS tenant
 * or customer account where the sender has one, else the owning team (the label Alertmanager
 * routing conventionally carries).
 */
export const ACCOUNT_LABELS = ['account', 'tenant', 'customer', 'team'] as const;

/** The account of an alert's labels: the first of ACCOUNT_LABELS that is set and not empty. */
export function accountOf(labels: Readonly<Record<string, string>>): string | undefined {
  return ACCOUNT_LABELS.map((l) => labels[l]).find((v) => v !== undefined && v !== '');
}

/** Alert labels that name the environment, in order of preference. */
export const ENVIRONMENT_LABELS = ['environment', 'env', 'stage'] as const;

/** The environment of an alert's labels: the first of ENVIRONMENT_LABELS that is set and not empty. */
export function environmentOf(labels: Readonly<Record<string, string>>): string | undefined {
  return ENVIRONMENT_LABELS.map((l) => labels[l]).find((v) => v !== undefined && v !== '');
}

/** What the store holds about graded investigations. */
export interface FeedbackInput {
  investigations: readonly InvestigationRow[];
  /** Every feedback given; several per investigation are allowed, the latest (by `at`) counts. */
  feedback: readonly Feedback[];
  /** The first alert's labels per investigation id, for the account; absent ones have no account. */
  alertLabels?: ReadonlyMap<string, Readonly<Record<string, string>>>;
}

/**
 * The confirmed cases from feedback: each investigation with feedback once, judged by its latest
 * feedback. Root cause right = grade `correct`; partly = `partly_correct`; category right = the
 * feedback named no category, or the report's own. Feedback for an investigation not given is
 * ignored (the caller passes the investigations of its window).
 */
export function casesFromFeedback(input: FeedbackInput): { cases: ConfirmedCase[]; skipped: SkippedCase[] } {
  const latest = new Map<string, Feedback>();
  // A stable sort: of two given at the same instant, the later in the list (the store's order) wins.
  for (const f of [...input.feedback].sort((a, b) => a.at - b.at)) latest.set(f.investigationId, f);
  const cases: ConfirmedCase[] = [];
  const skipped: SkippedCase[] = [];
  for (const row of input.investigations) {
    const feedback = latest.get(row.id);
    if (feedback === undefined) continue;
    if (row.report === undefined) {
      skipped.push({ investigationId: row.id, createdAt: row.createdAt, reason: 'no report' });
      continue;
    }
    const parsed = reportSchema.safeParse(row.report);
    if (!parsed.success) {
      skipped.push({ investigationId: row.id, createdAt: row.createdAt, reason: 'unreadable report' });
      continue;
    }
    const answer = parsed.data.rootCause;
    const labels = input.alertLabels?.get(row.id);
    cases.push({
      investigationId: row.id,
      source: 'feedback',
      createdAt: row.createdAt,
      service: row.service,
      account: labels === undefined ? undefined : accountOf(labels),
      environment: labels === undefined ? undefined : environmentOf(labels),
      category: answer.category,
      confidence: answer.confidence,
      rootCause: verdictOf(feedback.grade),
      categoryRight: feedback.category === undefined || feedback.category === answer.category,
      // Feedback has no field for the causing change: not measured, rather than guessed.
      changeRight: undefined,
    });
  }
  return { cases, skipped };
}

function verdictOf(grade: Feedback['grade']): RootCauseVerdict {
  if (grade === 'correct') return 'right';
  if (grade === 'partly_correct') return 'partly';
  return 'wrong';
}
