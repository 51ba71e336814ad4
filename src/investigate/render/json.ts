/** The report as JSON for tools and stores, checked against the schema first. */
import { NightshiftError, type Report, reportSchema } from '../../core/index.js';

/**
 * Pretty JSON of a report. The report is checked with `reportSchema` first and this throws an
 * INTERNAL error naming each bad field if it does not conform: every producer builds reports to
 * that schema, so a mismatch is a bug to fix, not output for a consumer to trip over.
 */
export function renderJson(report: Report): string {
  const checked = reportSchema.safeParse(report);
  if (!checked.success) {
    const issues = checked.error.issues.map((i) => `${i.path.join('.') || '(report)'}: ${i.message}`);
    throw new NightshiftError(
      'INTERNAL',
      `report ${report.incidentId} breaks the report schema: ${issues.join('; ')}`,
      {
        hint: 'this is a bug in the brain that wrote the report; please report it with the investigation trace',
      },
    );
  }
  return `${JSON.stringify(report, null, 2)}\n`;
}
