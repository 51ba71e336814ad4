/**
 * An investigation that `nightshift serve` ran, read back from the store: its row (report, brain),
 * the alerts of its group, its trace and the feedback responders gave.
 */
import { existsSync } from 'node:fs';
import { configPath, loadConfig } from '../../config/load.js';
import { type Alert, NightshiftError, reportSchema } from '../../core/index.js';
import type { EnvVars } from '../../core/yaml-config.js';
import { firstAlertOf, openStore, type Store, type StoredAlert } from '../../store/index.js';
import { parseTrace } from '../../tracing/index.js';
import type { FoundInvestigation } from './found.js';

/**
 * The store `nightshift.yaml` configures, or undefined when it is a SQLite file that does not
 * exist yet (opening it would create it, and a preview must write nothing).
 */
export async function openConfiguredStore(options: {
  cwd: string;
  env: EnvVars;
  configFile?: string;
}): Promise<Store | undefined> {
  const loaded = await loadConfig({
    cwd: options.cwd,
    env: options.env,
    ...(options.configFile === undefined ? {} : { file: options.configFile }),
  });
  const store = loaded.config.store;
  if (store.kind === 'sqlite' && store.path !== ':memory:' && !existsSync(configPath(loaded, store.path))) {
    return undefined;
  }
  return openStore(store, loaded.baseDir);
}

/** The investigation `id` of the store, or undefined when the store has none by that id. */
export async function fromStore(store: Store, id: string): Promise<FoundInvestigation | undefined> {
  const row = await store.getInvestigation(id);
  if (!row) return undefined;
  const where = `the store's investigation ${id}`;
  if (row.status !== 'done' || row.report === undefined) {
    throw new NightshiftError('BAD_INPUT', `${where} is ${row.status}: it has no report to save yet`, {
      hint: 'Save an investigation once it is done (`status: done`).',
    });
  }
  const report = reportSchema.safeParse(row.report);
  if (!report.success) {
    throw new NightshiftError(
      'BAD_INPUT',
      `${where}: its stored report does not parse (${report.error.issues[0]?.message})`,
    );
  }
  const rawTrace = await store.getTrace(id);
  const [alerts, feedback] = await Promise.all([store.alertsOf(id), store.listFeedback([id])]);
  return {
    source: `investigation ${id}`,
    brain: row.brain,
    alert: firstAlert(alerts, where),
    report: report.data,
    ...(rawTrace === undefined ? {} : { trace: parseTrace(rawTrace, where) }),
    feedback: feedback.map((f) => ({
      grade: f.grade,
      at: f.at,
      ...(f.rootCause === undefined ? {} : { rootCause: f.rootCause }),
      ...(f.category === undefined ? {} : { category: f.category }),
    })),
  };
}

/** The alert the investigation started from: its group's first to fire (as serve does). */
function firstAlert(alerts: readonly StoredAlert[], where: string): Alert {
  const alert = firstAlertOf(alerts);
  if (!alert) throw new NightshiftError('BAD_INPUT', `${where} has no alerts`);
  return alert;
}
