/**
 * Eval runs in the store (migration 0004): saved once when a run finishes, listed newest first,
 * read back whole by id or by a unique prefix of it (ids are what `eval compare` takes).
 */
import type { Kysely, Selectable } from 'kysely';
import { NightshiftError } from '../core/index.js';
import type { Db, EvalRunsTable } from './db.js';
import { isUniqueViolation } from './db-errors.js';
import type { EvalRunRecord, EvalRunSummary } from './types.js';

/** A prefix shorter than this matches too much to be what someone meant. */
const MIN_PREFIX = 4;
/** Ids are made of these; anything else cannot be a prefix and is matched exactly (no LIKE escapes). */
const ID_CHARS = /^[A-Za-z0-9_-]+$/;

const SUMMARY_COLUMNS = [
  'id',
  'started_at',
  'finished_at',
  'suites',
  'cases',
  'passed',
  'failed',
  'errored',
  'xfailed',
  'model',
  'code_version',
] as const;

function toSummary(row: Omit<Selectable<EvalRunsTable>, 'result'>): EvalRunSummary {
  return {
    id: row.id,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    suites: JSON.parse(row.suites) as string[],
    cases: row.cases,
    passed: row.passed,
    failed: row.failed,
    errored: row.errored,
    xfailed: row.xfailed,
    ...(row.model === null ? {} : { model: row.model }),
    codeVersion: row.code_version,
  };
}

export async function saveEvalRun(db: Kysely<Db>, run: EvalRunRecord): Promise<void> {
  try {
    await db
      .insertInto('eval_runs')
      .values({
        id: run.id,
        started_at: run.startedAt,
        finished_at: run.finishedAt,
        suites: JSON.stringify(run.suites),
        cases: run.cases,
        passed: run.passed,
        failed: run.failed,
        errored: run.errored,
        xfailed: run.xfailed,
        model: run.model ?? null,
        code_version: run.codeVersion,
        result: JSON.stringify(run.result),
      })
      .execute();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new NightshiftError('ALREADY_EXISTS', `an eval run with id ${run.id} is already stored`, {
      hint: 'run ids are random; save each run once',
      cause: error,
    });
  }
}

export async function listEvalRuns(db: Kysely<Db>, limit: number): Promise<EvalRunSummary[]> {
  const rows = await db
    .selectFrom('eval_runs')
    .select(SUMMARY_COLUMNS)
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toSummary);
}

export async function getEvalRun(db: Kysely<Db>, idOrPrefix: string): Promise<EvalRunRecord | undefined> {
  const select = () => db.selectFrom('eval_runs').select([...SUMMARY_COLUMNS, 'result']);
  const exact = await select().where('id', '=', idOrPrefix).executeTakeFirst();
  let row = exact;
  if (row === undefined && idOrPrefix.length >= MIN_PREFIX && ID_CHARS.test(idOrPrefix)) {
    // `_` is a LIKE wildcard; ids containing it are matched exactly above, and a prefix with it
    // can at worst match more rows, which the ambiguity check below reports.
    const rows = await select().where('id', 'like', `${idOrPrefix}%`).orderBy('id').limit(6).execute();
    const matching = rows.filter((r) => r.id.startsWith(idOrPrefix));
    if (matching.length > 1) {
      throw new NightshiftError(
        'BAD_INPUT',
        `eval run "${idOrPrefix}" is ambiguous: it starts ${matching.map((r) => r.id).join(', ')}`,
        {
          hint: 'give more characters of the run id (nightshift eval runs lists them)',
        },
      );
    }
    row = matching[0];
  }
  if (row === undefined) return undefined;
  const { result, ...summary } = row;
  return { ...toSummary(summary), result: JSON.parse(result) };
}
