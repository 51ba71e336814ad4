/**
 * `nightshift replay --out <dir>`: the replayed investigation written as an export folder (the same
 * writer and files as `nightshift export`, with its evidence, so it replays again), for `nightshift
 * diff` to compare with the original's folder.
 */
import { resolve } from 'node:path';
import { exportFolder, nightshiftVersion } from '../export/index.js';
import type { Investigation } from '../investigate/index.js';

export async function writeReplayFolder(
  investigation: Investigation,
  options: { dir: string; force: boolean; now: number },
): Promise<string> {
  const dir = resolve(options.dir);
  const { alert } = investigation;
  await exportFolder(
    {
      id: investigation.id,
      origin: 'replay',
      found: {
        source: `replay ${investigation.id}`,
        brain: investigation.brain,
        alert,
        report: investigation.report,
        trace: investigation.trace,
        feedback: [],
      },
      status: 'done',
      incidentId: investigation.incidentId,
      alerts: [
        { name: alert.name, service: alert.service, severity: alert.severity, startsAt: alert.startsAt },
      ],
      times: {
        startedAt: investigation.startedAt,
        finishedAt: investigation.startedAt + investigation.elapsedMs,
      },
      rounds: investigation.rounds,
      notes: investigation.notes,
      ...(investigation.evidence && { evidence: investigation.evidence }),
    },
    {
      out: dir,
      into: dir,
      force: options.force,
      anonymise: false,
      names: [],
      version: await nightshiftVersion(),
      now: options.now,
    },
  );
  return dir;
}
