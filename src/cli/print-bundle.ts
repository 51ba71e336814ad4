/** How the CLI shows a generated bundle: the alert, the window and what each source holds. */

import { formatDuration, toIso } from '../core/index.js';
import type { GenerateSummary } from '../lab/index.js';
import { pc } from './colors.js';

export function formatBundleSummary(s: GenerateSummary): string {
  const { incident, counts } = s;
  const a = incident.alert;
  const lines = [
    `${pc.bold(incident.title)}  ${pc.dim(incident.id)}`,
    `  alert     ${a.name} on ${pc.bold(a.service)} (${a.severity}) at ${toIso(a.startsAt)}`,
    `            ${a.annotations.summary ?? ''}`,
    `  window    ${toIso(incident.window.start)} → ${toIso(incident.window.end)} (${formatDuration(incident.window.end - incident.window.start)})`,
    '  sources',
  ];
  for (const [source, n] of Object.entries(counts)) {
    lines.push(
      `    ${source.padEnd(8)} ${n === 0 ? pc.dim('absent') : n.toLocaleString('en-US').padStart(10)}`,
    );
  }
  lines.push(`  written   ${s.dir}`);
  return `${lines.join('\n')}\n`;
}
