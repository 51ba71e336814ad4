/**
 * `nightshift rank <bundle>`: the built-in analyst's ranked suspects for an incident — service,
 * score, likely category and the evidence behind each — without the rest of an investigation.
 */
import type { Command } from 'commander';
import { formatDuration, toIso } from '../../core/index.js';
import { type BundleRanking, rankBundle } from '../../investigate/index.js';
import { pc } from '../colors.js';
import { parseInteger } from '../options.js';

export function registerRank(program: Command): void {
  program
    .command('rank')
    .description('Rank the suspect services of an incident bundle, with the evidence behind each.')
    .argument('<bundle>', 'folder that holds incident.yaml')
    .option('--json', 'print the ranking as JSON')
    .option('--top <n>', 'how many suspects to show', parseInteger(1, 100), 5)
    .option('--evidence <n>', 'evidence lines per suspect', parseInteger(0, 50), 4)
    .action(async (dir: string, flags: { json?: boolean; top: number; evidence: number }) => {
      const ranking = await rankBundle(dir);
      if (flags.json) {
        process.stdout.write(
          `${JSON.stringify({ ...ranking, suspects: ranking.suspects.slice(0, flags.top) }, null, 2)}\n`,
        );
        return;
      }
      process.stdout.write(formatRanking(ranking, flags.top, flags.evidence));
    });
}

export function formatRanking(r: BundleRanking, top: number, evidencePerSuspect: number): string {
  const lines = [
    `${pc.bold(r.incidentId)}: ${r.alert.name} on ${r.alert.service} at ${toIso(r.alert.startsAt)}`,
    pc.dim(
      `onset ${toIso(r.onset)} (${r.onsetFrom === 'telemetry' ? 'from the telemetry' : 'assumed 10 min before the alert'}); ` +
        `baseline ${formatDuration(r.windows.baseline.end - r.windows.baseline.start)}, incident ${formatDuration(r.windows.incident.end - r.windows.incident.start)}; ` +
        `${r.sources.series} series, ${r.sources.logs} log lines, ${r.sources.spans} spans read in ${formatDuration(r.elapsedMs)}`,
    ),
    '',
  ];
  r.suspects.slice(0, top).forEach((s, i) => {
    const explained = s.explainedBy ? pc.dim(` (may be waiting on ${s.explainedBy})`) : '';
    lines.push(`${i + 1}. ${pc.bold(s.service.padEnd(20))} ${s.score.toFixed(2)}  ${s.category}${explained}`);
    lines.push(`   ${pc.dim(s.categoryReason)}`);
    for (const e of s.evidence.slice(0, evidencePerSuspect)) lines.push(`   - ${e.summary}`);
  });
  return `${lines.join('\n')}\n`;
}
