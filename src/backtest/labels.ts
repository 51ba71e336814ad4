/**
 * The labels a backtest case carries so its figures can be split: the account (the accuracy
 * module's rule, so both split alike) and the environment. Lab bundles carry neither label.
 */
import { accountOf } from '../accuracy/index.js';

/** What a case without the label is filed under: lab bundles have no account or environment. */
export const NO_LABEL = 'lab';

/** Alert labels that name the environment, in order of preference. */
export const ENVIRONMENT_LABELS = ['environment', 'env', 'stage'] as const;

export interface CaseLabels extends Record<string, string> {
  account: string;
  environment: string;
}

/** The split labels of an incident's alert labels. */
export function caseLabels(alertLabels: Readonly<Record<string, string>>): CaseLabels {
  const environment = ENVIRONMENT_LABELS.map((l) => alertLabels[l]).find((v) => v !== undefined && v !== '');
  return { account: accountOf(alertLabels) ?? NO_LABEL, environment: environment ?? NO_LABEL };
}
