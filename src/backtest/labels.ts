/**
 * The labels a backtest case carries so its figures can be split: the account (the accuracy
 * module's rule, so both split alike) and the environment. Lab bundles carry neither label.
 */
import { accountOf, environmentOf } from '../accuracy/index.js';

/** What a case without the label is filed under: lab bundles have no account or environment. */
export const NO_LABEL = 'lab';

export interface CaseLabels extends Record<string, string> {
  account: string;
  environment: string;
}

/** The split labels of an incident's alert labels. */
export function caseLabels(alertLabels: Readonly<Record<string, string>>): CaseLabels {
  return { account: accountOf(alertLabels) ?? NO_LABEL, environment: environmentOf(alertLabels) ?? NO_LABEL };
}
