/**
 * Which cases of a backtest are worth analysing: the wrong ones (root cause not first, category
 * wrong, change missed or named where none caused it, the investigation failed) and the shaky ones
 * (right at LOW confidence, wrong at HIGH). A right case at HIGH or MEDIUM has nothing to explain.
 */
import type { BacktestCase } from '../backtest/index.js';
import type { SelectionReason } from './schema.js';

/** Why `c` needs an analysis; empty when it does not. */
export function selectionReasons(c: BacktestCase): SelectionReason[] {
  if (c.error !== undefined) return ['failed'];
  const reasons: SelectionReason[] = [];
  if (!c.top1) reasons.push('top1_wrong');
  if (c.top1 && !c.category) reasons.push('category_wrong');
  if (c.change === false) reasons.push('change_missed');
  if (c.falseChange === true) reasons.push('change_falsely_named');
  if (!c.top1 && c.confidence === 'HIGH') reasons.push('wrong_at_high');
  if (c.top1 && c.confidence === 'LOW') reasons.push('right_at_low');
  return reasons;
}
