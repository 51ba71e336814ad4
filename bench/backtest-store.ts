/**
 * The store bench:backtest exports from: `count` done investigations as `nightshift serve` leaves
 * them (an alert through intake, then the result and, as `investigations.keepEvidence` does by
 * default, the evidence). A few suite bundles are investigated for real with the built-in brain;
 * each is then stored over and over under a fresh id and alert, so reports, traces and evidence are
 * the size and shape of real ones.
 */
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Alert } from '../src/core/index.js';
import { bundleInvestigationInput, type Investigation, investigate } from '../src/investigate/index.js';
import { openSqliteStore, type Store } from '../src/store/index.js';
import { openSqliteDb } from '../src/store/sqlite.js';

export interface FillOptions {
  /** The SQLite file to create. */
  db: string;
  suiteDir: string;
  /** Suite cases to investigate; the stored investigations cycle through them. */
  caseIds: readonly string[];
  count: number;
  /** Store each investigation's evidence too (what `serve` does unless keepEvidence is off). */
  evidence: boolean;
  /** The alerts arrive one a second up to now, so `--since 1d` at `now` finds every one. */
  now: number;
}

export interface FillResult {
  distinct: number;
  /** gzip bytes of the distinct evidences (each stored `count / distinct` times). */
  evidenceBytes: number[];
}

/** What is kept in memory of an investigation to store it again: not its evidence (tens of MB). */
interface Template {
  alert: Alert;
  brain: string;
  report: Investigation['report'];
  trace: Investigation['trace'];
  /** The investigation id whose evidence row the repeats copy. */
  evidenceOf?: string;
}

export async function fillStore(options: FillOptions): Promise<FillResult> {
  const store = openSqliteStore(options.db);
  await store.migrate();
  // A second connection for copying evidence rows: the Store interface only saves evidence from
  // the object, which would gzip tens of MB again for every repeat.
  const db = openSqliteDb(options.db);
  try {
    const templates: Template[] = [];
    const evidenceBytes: number[] = [];
    for (const [i, caseId] of options.caseIds.slice(0, options.count).entries()) {
      const investigation = await investigate(
        await bundleInvestigationInput(join(options.suiteDir, caseId)),
        {
          brain: 'builtin',
          keepEvidence: options.evidence,
        },
      );
      const template: Template = {
        alert: investigation.alert,
        brain: investigation.brain,
        report: investigation.report,
        trace: investigation.trace,
      };
      const id = await storeOne(store, template, i, options);
      if (investigation.evidence !== undefined) {
        await store.saveEvidence(id, investigation.evidence, options.now);
        template.evidenceOf = id;
        const row = await db
          .selectFrom('investigation_evidence')
          .select('bytes')
          .where('investigation_id', '=', id)
          .executeTakeFirstOrThrow();
        evidenceBytes.push(row.bytes);
      }
      templates.push(template);
      process.stderr.write(
        `\rinvestigated ${i + 1}/${Math.min(options.caseIds.length, options.count)} to store`,
      );
    }
    process.stderr.write('\n');
    for (let i = templates.length; i < options.count; i++) {
      const template = templates[i % templates.length] as Template;
      const id = await storeOne(store, template, i, options);
      if (template.evidenceOf !== undefined)
        await sql`insert into investigation_evidence (investigation_id, created_at, bytes, data)
          select ${id}, created_at, bytes, data from investigation_evidence where investigation_id = ${template.evidenceOf}`.execute(
          db,
        );
      if ((i + 1) % 50 === 0) process.stderr.write(`\rstored ${i + 1}/${options.count}`);
    }
    process.stderr.write('\n');
    return { distinct: templates.length, evidenceBytes };
  } finally {
    await db.destroy();
    await store.close();
  }
}

/** Intake of the alert as the `i`-th delivery, then the result; returns the investigation id. */
async function storeOne(store: Store, template: Template, i: number, options: FillOptions): Promise<string> {
  const receivedAt = options.now - (options.count - i) * 1000;
  const outcome = await store.intake(
    {
      fingerprint: `bench-${i}`,
      source: 'alertmanager',
      status: 'firing',
      groupKey: `bench-group-${i}`,
      name: template.alert.name,
      service: template.alert.service,
      severity: template.alert.severity,
      labels: template.alert.labels,
      annotations: template.alert.annotations,
      startsAt: receivedAt - 30_000,
      receivedAt,
    },
    { groupWindowMs: 60_000, maxAttempts: 3 },
  );
  if (outcome.kind !== 'new') throw new Error(`intake of bench alert ${i} gave ${outcome.kind}, not new`);
  await store.markRunning(outcome.investigationId, receivedAt + 100);
  await store.saveResult(outcome.investigationId, {
    report: template.report,
    category: template.report.rootCause.category,
    brain: template.brain,
    trace: template.trace,
    finishedAt: receivedAt + 5_000,
  });
  return outcome.investigationId;
}
