/**
 * The shape of user traffic over a day and a week, as a multiplier of the daily peak. Shops see a
 * trough near 04:00, a rise through the morning, a lunchtime shoulder and an evening peak; weekends
 * run lower at the same hours. Times are UTC for simplicity.
 */
import { DAY_MS, HOUR_MS } from '../core/index.js';

export function trafficFactor(ms: number): number {
  const hour = (ms % DAY_MS) / HOUR_MS;
  const daily = 0.5 - 0.5 * Math.cos((2 * Math.PI * (hour - 4)) / 24);
  const evening = Math.exp(-((hour - 20) ** 2) / 6) * 0.15;
  const lunch = Math.exp(-((hour - 12.5) ** 2) / 2) * 0.08;
  const weekday = new Date(ms).getUTCDay();
  const week = weekday === 0 || weekday === 6 ? 0.82 : 1;
  return Math.min(1, (0.22 + 0.7 * daily + evening + lunch) * week);
}
