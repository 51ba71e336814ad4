/** The report as JSON, checked against the schema first: an invalid report is a bug, not output. */
import { type Report, reportSchema } from '../../core/index.js';

export function renderJson(report: Report): string {
  reportSchema.parse(report);
  return `${JSON.stringify(report, null, 2)}\n`;
}
