/**
 * Reads one day of Nezha data (I/O only): `<root>/rca_data/<day>/<day>-fault_list.json` and the
 * files of `<root>/rca_data/<day>/metric/`. Pod files are found by their `_metric.csv` suffix, so
 * any day laid out this way imports, whatever its services. The fault list and at least one pod
 * file are required; `front_service.csv`, the edge latency files and `dependency.csv` are read
 * when present.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { NightshiftError } from '../../core/index.js';
import { type CsvTable, parseCsvTable } from './csv-table.js';
import {
  type DependencyRow,
  decodeDependencyTable,
  decodeEdgeTable,
  decodeFaultList,
  decodeFrontServiceTable,
  decodePodTable,
  type EdgeTable,
  type FrontRow,
  type NezhaFault,
  type PodRow,
} from './decode.js';
import { serviceOfPod } from './names.js';
import type { EdgeReporter } from './wire.js';

const POD_FILE_SUFFIX = '_metric.csv';
const FRONT_SERVICE_FILE = 'front_service.csv';
const DEPENDENCY_FILE = 'dependency.csv';
const EDGE_FILES = { source: 'source_50.csv', destination: 'destination_50.csv' } as const satisfies Record<
  EdgeReporter,
  string
>;

/** One pod's metric file. */
export interface PodFile {
  pod: string;
  service: string;
  file: string;
  rows: PodRow[];
}

/** Everything read from one day, validated. */
export interface NezhaDay {
  faultListFile: string;
  faults: NezhaFault[];
  pods: PodFile[];
  front?: { file: string; rows: FrontRow[] };
  edges: { reporter: EdgeReporter; file: string; table: EdgeTable }[];
  dependencies?: { file: string; rows: DependencyRow[] };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Reads and validates the day `day` (YYYY-MM-DD) under the Nezha data folder `root`. */
export async function readNezhaDay(root: string, day: string): Promise<NezhaDay> {
  if (!DAY.test(day)) {
    throw new NightshiftError('BAD_INPUT', `day "${day}" is not a date`, { hint: 'Write it as YYYY-MM-DD.' });
  }
  const dayDir = join(root, 'rca_data', day);
  await requireFolder(root, 'Nezha data folder', 'Pass --root the folder that holds rca_data/.');
  await requireFolder(dayDir, `day ${day}`, await availableDays(root));
  const metricDir = join(dayDir, 'metric');
  await requireFolder(metricDir, `metric folder of ${day}`, 'This importer reads the metrics only.');

  const faultListFile = join(dayDir, `${day}-fault_list.json`);
  const faults = decodeFaultList(faultListFile, await readText(faultListFile));
  const names = (await readdir(metricDir)).sort();
  const pods: PodFile[] = [];
  for (const name of names.filter((n) => n.endsWith(POD_FILE_SUFFIX))) {
    const pod = name.slice(0, -POD_FILE_SUFFIX.length);
    const file = join(metricDir, name);
    pods.push({ pod, service: serviceOfPod(pod), file, rows: decodePodTable(await readTable(file), pod) });
  }
  if (pods.length === 0) {
    throw new NightshiftError('NOT_FOUND', `${metricDir}: no pod metric file (*${POD_FILE_SUFFIX})`);
  }

  const result: NezhaDay = { faultListFile, faults, pods, edges: [] };
  if (names.includes(FRONT_SERVICE_FILE)) {
    const file = join(metricDir, FRONT_SERVICE_FILE);
    result.front = { file, rows: decodeFrontServiceTable(await readTable(file)) };
  }
  for (const [reporter, name] of Object.entries(EDGE_FILES) as [EdgeReporter, string][]) {
    if (!names.includes(name)) continue;
    const file = join(metricDir, name);
    result.edges.push({ reporter, file, table: decodeEdgeTable(await readTable(file)) });
  }
  if (names.includes(DEPENDENCY_FILE)) {
    const file = join(metricDir, DEPENDENCY_FILE);
    result.dependencies = { file, rows: decodeDependencyTable(await readTable(file)) };
  }
  return result;
}

async function readTable(file: string): Promise<CsvTable> {
  return parseCsvTable(file, await readText(file));
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') {
      throw new NightshiftError('NOT_FOUND', `${file} not found`, { cause: error });
    }
    throw error;
  }
}

async function requireFolder(dir: string, what: string, hint: string): Promise<void> {
  const isFolder = await stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isFolder) throw new NightshiftError('NOT_FOUND', `${what} not found: ${dir}`, { hint });
}

async function availableDays(root: string): Promise<string> {
  const days = await readdir(join(root, 'rca_data')).then(
    (names) => names.filter((n) => DAY.test(n)).sort(),
    () => [],
  );
  return days.length === 0 ? `${root} has no rca_data/<day>/ folder.` : `Days here: ${days.join(', ')}.`;
}
