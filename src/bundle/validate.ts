/**
 * Checks a whole bundle and lists its problems together, up to a limit, so a user fixes them in
 * one pass instead of one rerun per problem. Also runs the cross-checks that cost nothing extra:
 * the window and the topology's `dependsOn` (in the schemas), and truth's change id.
 */
import type { Problem } from '../core/index.js';
import { incidentSchema, topologySchema } from '../core/index.js';
import { decodeFile } from './decode.js';
import { type DataSource, scanBundleFiles } from './files.js';
import { readTruthDocument, TRUTH_FILE } from './truth.js';
import { readYamlFile } from './yaml.js';

/** Options of `validateBundle`. */
export interface ValidateOptions {
  /** Stop after this many problems. Default 20. */
  maxProblems?: number;
}

/**
 * What `validateBundle` found: records per source, the problems (at most `maxProblems`) and the
 * warnings. Only problems make a bundle invalid.
 */
export interface BundleValidation {
  /** Valid records per data file present. Partial when `truncated`, since checking stopped early. */
  counts: Partial<Record<DataSource, number>>;
  problems: Problem[];
  /** Lines skipped without making the bundle invalid: a data file's truncated last line. */
  warnings: Problem[];
  /** True when there were more than `maxProblems` problems. */
  truncated: boolean;
}

/** Validates every file of the bundle at `dir`; throws NOT_FOUND only when the folder is missing. */
export async function validateBundle(dir: string, options: ValidateOptions = {}): Promise<BundleValidation> {
  const list = new ProblemList(options.maxProblems ?? 20);
  const scan = await scanBundleFiles(dir);
  list.add(scan.problems);
  if (scan.incident) {
    const read = await readYamlFile(scan.incident, 'incident.yaml', incidentSchema);
    if (!read.ok) list.add(read.problems);
  }
  if (scan.topology) {
    const read = await readYamlFile(scan.topology, 'topology.yaml', topologySchema);
    if (!read.ok) list.add(read.problems);
  }
  const truth = await readTruthDocument(dir);
  if (truth && !truth.ok) list.add(truth.problems);
  const truthChange = truth?.ok ? truth.value.rootCause.change : undefined;

  const counts: Partial<Record<DataSource, number>> = {};
  const warnings: Problem[] = [];
  let changeFound = false;
  for (const file of Object.values(scan.data)) {
    if (list.full) break;
    let count = 0;
    for await (const chunk of decodeFile(file, { stopAtFirstProblem: false })) {
      const { records, problems } = chunk;
      warnings.push(...chunk.warnings);
      count += records.length;
      if (file.source === 'changes' && truthChange !== undefined && !changeFound) {
        changeFound = records.some((record) => 'id' in record && record.id === truthChange);
      }
      if (!list.add(problems)) break;
    }
    counts[file.source] = count;
  }
  if (truth?.ok && truthChange !== undefined && !changeFound && !list.full) {
    const path = ['rootCause', 'change'];
    const line = truth.lineOf(path);
    const where = scan.data.changes
      ? `an id in ${scan.data.changes.name}`
      : 'possible without a changes.jsonl';
    list.add([
      {
        file: TRUTH_FILE,
        ...(line === undefined ? {} : { line }),
        field: path.join('.'),
        message: `"${truthChange}" is not ${where}`,
      },
    ]);
  }
  return { counts, problems: list.problems, warnings, truncated: list.truncated };
}

/** Problems up to a limit; notes when more were found. */
class ProblemList {
  readonly problems: Problem[] = [];
  truncated = false;
  private readonly max: number;

  constructor(max: number) {
    this.max = max;
  }

  get full(): boolean {
    return this.truncated;
  }

  /** Adds problems; false once one had to be left out, so the caller can stop looking. */
  add(problems: readonly Problem[]): boolean {
    for (const problem of problems) {
      if (this.problems.length >= this.max) {
        this.truncated = true;
        return false;
      }
      this.problems.push(problem);
    }
    return true;
  }
}
