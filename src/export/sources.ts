/**
 * Where exported investigations come from: the ones `nightshift investigate` kept under
 * `<home>/investigations/<id>/` and the ones `nightshift serve` ran, in the configured store. Each
 * is read into the shape `eval save` reads (src/evals/save/found.ts), with what an export adds:
 * its status, its times and every alert folded into it.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { NightshiftError } from '../core/index.js';
import { closestName } from '../evals/assertions/closest-name.js';
import type { FoundInvestigation } from '../evals/save/index.js';
import { fromStore } from '../evals/save/store-source.js';
import { loadInvestigation } from '../investigate/index.js';
import type { InvestigationStatus, Store } from '../store/index.js';
import { savedEvidence } from './evidence-file.js';

/** An alert as the brief's context line names it. */
export interface AlertRef {
  name: string;
  service: string;
  severity: string;
  startsAt: number;
}

/** One investigation to export: what `eval save` reads, plus what only an export shows. */
export interface ExportItem {
  id: string;
  /**
   * `cli`: kept by `nightshift investigate`; `store`: run by `nightshift serve`; `backtest`: a case
   * of a stored backtest; `replay`: made by `nightshift replay`.
   */
  origin: 'cli' | 'store' | 'backtest' | 'replay';
  found: FoundInvestigation;
  status: InvestigationStatus;
  incidentId?: string;
  /** Every alert folded into the investigation, first to fire first. */
  alerts: AlertRef[];
  /** Epoch ms; absent when the source does not keep it. */
  times: {
    createdAt?: number;
    startedAt?: number;
    finishedAt?: number;
    firstBriefAt?: number;
    resolvedAt?: number;
  };
  /** The built-in brain's review rounds and the run's notes (CLI investigations keep them). */
  rounds?: number;
  notes?: string[];
  /** What the investigation collected (src/investigate/evidence.ts), when it was kept. */
  evidence?: unknown;
}

export interface ExportSources {
  /** `nightshiftHome`: where the CLI keeps investigations. */
  home: string;
  /** The configured store, or undefined when none is configured or its database does not exist. */
  store: Store | undefined;
}

/** How many store ids the "closest id" hint compares against: the newest ones. */
const CLOSEST_CANDIDATES = 2000;

/** The investigation `id`: first among the CLI's, then in the store; NOT_FOUND names both places. */
export async function loadExportItem(id: string, sources: ExportSources): Promise<ExportItem> {
  const saved = await loadInvestigation(sources.home, id).catch((error: unknown) => {
    if (error instanceof NightshiftError && error.code === 'NOT_FOUND') return undefined;
    throw error;
  });
  if (saved) {
    const evidence = await savedEvidence(sources.home, id);
    return {
      id: saved.id,
      origin: 'cli',
      found: {
        source: `investigation ${saved.id}`,
        brain: saved.brain,
        alert: saved.alert,
        report: saved.report,
        trace: saved.trace,
        feedback: [],
      },
      status: 'done',
      incidentId: saved.incidentId,
      alerts: [saved.alert],
      times: { startedAt: saved.startedAt, finishedAt: saved.startedAt + saved.elapsedMs },
      rounds: saved.rounds,
      notes: saved.notes,
      ...(evidence === undefined ? {} : { evidence }),
    };
  }
  const stored = sources.store && (await storeItem(sources.store, id));
  if (stored) return stored;
  throw await notFound(id, sources);
}

async function storeItem(store: Store, id: string): Promise<ExportItem | undefined> {
  const row = await store.getInvestigation(id);
  if (!row) return undefined;
  const found = await fromStore(store, id);
  if (!found) return undefined;
  const alerts = await store.alertsOf(id);
  const evidence = await store.getEvidence(id);
  return {
    id,
    origin: 'store',
    found,
    status: row.status,
    alerts: alerts.map((a) => ({
      name: a.name,
      service: a.service,
      severity: a.severity,
      startsAt: a.startsAt,
    })),
    times: definedOnly({
      createdAt: row.createdAt,
      startedAt: row.startedAt,
      finishedAt: row.finishedAt,
      firstBriefAt: row.firstBriefAt,
      resolvedAt: row.resolvedAt,
    }),
    ...(evidence === undefined ? {} : { evidence }),
  };
}

async function notFound(id: string, sources: ExportSources): Promise<NightshiftError> {
  const folder = join(sources.home, 'investigations');
  const known = [...(await cliIds(sources.home)), ...(await storeIds(sources.store))];
  const closest = closestName(id, known);
  const where = `${folder}${sources.store ? ` and the configured store (${sources.store.dialect})` : ' (no store is configured, or its database does not exist yet)'}`;
  return new NightshiftError('NOT_FOUND', `no investigation "${id}" in ${where}`, {
    hint:
      closest === undefined
        ? 'Pass an id that `nightshift investigate` printed or the server reported (GET /api/investigations lists them).'
        : `Did you mean "${closest}"?`,
  });
}

/** The ids of the CLI's investigations, sorted; none when the folder does not exist. */
export async function cliIds(home: string): Promise<string[]> {
  const entries = await readdir(join(home, 'investigations'), { withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
}

async function storeIds(store: Store | undefined): Promise<string[]> {
  if (!store) return [];
  return (await store.listInvestigations({ limit: CLOSEST_CANDIDATES })).map((r) => r.id);
}

function definedOnly<T extends Record<string, number | undefined>>(
  values: T,
): Partial<Record<keyof T, number>> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<
    Record<keyof T, number>
  >;
}
