/**
 * One live investigation: the group's first alert, the configured sources, the configured brain.
 * Runs inside an investigation thread (see threads.ts), never on the thread that answers webhooks.
 */
import { configPath, type LoadedConfig } from '../config/load.js';
import type { Sources } from '../connectors/sources.js';
import type { Alert } from '../core/index.js';
import type { EnvVars } from '../core/yaml-config.js';
import { createBrain } from '../investigate/brains/index.js';
import { type Investigation, investigate, liveWindow } from '../investigate/index.js';
import { firstAlertOf } from '../store/first-alert.js';
import type { InvestigationRow, StoredAlert } from '../store/types.js';
import { sourcesFromConfig } from './sources.js';

export interface LiveInvestigator {
  run(row: InvestigationRow, alerts: StoredAlert[], now: number): Promise<Investigation>;
}

export async function createLiveInvestigator(
  loaded: LoadedConfig,
  env: EnvVars,
  warn: (message: string) => void,
): Promise<LiveInvestigator> {
  const { config } = loaded;
  const sources: Sources = await sourcesFromConfig(config.sources, (p) => configPath(loaded, p), warn);
  // The configuration as loaded once (config/load.ts): nightshift.yaml is not read again here.
  const brain = createBrain({ brain: config.investigation.brain, llm: config.llm }, env);
  return {
    run: (row, alerts, now) => {
      const alert = alertOf(alerts);
      return investigate(
        { id: row.id, incidentId: row.id, alert, sources, window: liveWindow(alert, now) },
        {
          brain,
          maxRounds: config.investigation.rounds,
          sourceTimeoutMs: config.investigation.sourceTimeout,
          keepEvidence: config.investigation.keepEvidence,
        },
      );
    },
  };
}

/** The alert an investigation starts from: the group's first to fire. */
export function alertOf(alerts: readonly StoredAlert[]): Alert {
  const alert = firstAlertOf(alerts);
  if (!alert) throw new Error('the investigation has no alerts');
  return alert;
}
