/**
 * A tiny Nezha day for the importer's tests and the CLI's end-to-end test, laid out as the real
 * data is: two pods (cartservice's `TimeStamp` corrupted as adservice's is on 2022-08-22, and a
 * few NaN latency cells), `front_service.csv`, `dependency.csv` with node-address edges, and a
 * fault list of two faults, the second with an `inject_time` a minute off its timestamp. Not part
 * of the importer's API.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { POD_COLUMNS } from '../../src/importers/nezha/wire.js';

export const TINY_DAY = '2022-08-22';
export const TINY_PODS = ['cartservice-579f59597d-wc2lz', 'frontend-579b9bff58-t2dbm'] as const;
/** Rows at 03:00:19.5 + k minutes, k = 0..60. */
export const TINY_FIRST_ROW_MS = Date.parse('2022-08-22T03:00:19.500Z');
export const TINY_ROWS = 61;
/** 03:30:00 frontend cpu_contention; 03:45:10 cartservice network_delay (inject_time says 03:46:10). */
export const TINY_FAULTS_MS = [Date.parse('2022-08-22T03:30:00Z'), Date.parse('2022-08-22T03:45:10Z')];
/** Cells of cartservice's PodServerLatencyP99(s) that are NaN: rows 10 and 11. */
export const TINY_NAN_ROWS = [10, 11];

const TIMESTAMP_CORRUPTION_S = 200_000_000;

/** Writes the tiny day under `root` (`root/rca_data/2022-08-22/…`); returns `root`. */
export async function writeTinyNezhaDay(
  root: string,
  options: { faultTypes?: [string, string] } = {},
): Promise<string> {
  const dayDir = join(root, 'rca_data', TINY_DAY);
  const metricDir = join(dayDir, 'metric');
  await mkdir(metricDir, { recursive: true });
  const [firstType, secondType] = options.faultTypes ?? ['cpu_contention', 'network_delay'];
  const faults = {
    '03': [
      fault('2022-08-22 03:30:00', TINY_FAULTS_MS[0]!, TINY_PODS[1], firstType),
      fault('2022-08-22 03:46:10', TINY_FAULTS_MS[1]!, TINY_PODS[0], secondType),
    ],
  };
  await writeFile(join(dayDir, `${TINY_DAY}-fault_list.json`), JSON.stringify(faults, null, 4));
  for (const [i, pod] of TINY_PODS.entries()) {
    const corrupt = pod.startsWith('cartservice');
    await writeFile(join(metricDir, `${pod}_metric.csv`), podFile(pod, i, corrupt));
  }
  await writeFile(join(metricDir, 'front_service.csv'), frontServiceFile());
  await writeFile(
    join(metricDir, 'dependency.csv'),
    'Source,Target,Weight\nfrontend,cartservice,1\ncartservice,33.33.33.80,1\nloadgenerator,33.33.33.79,1\n',
  );
  return root;
}

/** The Go `Time` text of row `k` of a file whose rows sit `offsetMs` after the minute's :19.5. */
export function goTimeOfRow(k: number, offsetMs = 0): string {
  const ms = TINY_FIRST_ROW_MS + k * 60_000 + offsetMs;
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}123456 +0000 UTC m=+${(k * 60.000123).toFixed(9)}`;
}

function fault(time: string, ms: number, pod: string, type: string) {
  return { inject_time: time, inject_timestamp: String(ms / 1000), inject_pod: pod, inject_type: type };
}

function podFile(pod: string, index: number, corruptTimeStamp: boolean): string {
  const lines = [POD_COLUMNS.join(',')];
  for (let k = 0; k < TINY_ROWS; k++) {
    const seconds = Math.floor((TINY_FIRST_ROW_MS + k * 60_000) / 1000);
    const timeStamp = corruptTimeStamp ? seconds + TIMESTAMP_CORRUPTION_S : seconds;
    const latencyP99 = corruptTimeStamp && TINY_NAN_ROWS.includes(k) ? 'NaN' : '0.0049599999999999';
    const cpuPercent = 20 + index * 5 + (k % 3);
    const values = [
      cpuPercent * 0.3,
      cpuPercent,
      32.5,
      25.5,
      500,
      480,
      6000.5,
      53000.25,
      0.0046,
      0.0047,
      0.0048,
      0.0049,
      0.00496,
      latencyP99,
      9.5,
      0,
      12.5,
      46.25,
      411702.75,
    ];
    lines.push([goTimeOfRow(k, index * 30), timeStamp, pod, ...values].join(','));
  }
  return `${lines.join('\n')}\n`;
}

function frontServiceFile(): string {
  const lines = [
    'Time,TimeStamp,ServiceName,SuccessRate(%),LatencyP50(s),LatencyP90(s),LatencyP95(s),LatencyP99(s)',
  ];
  for (let k = 0; k < TINY_ROWS; k++) {
    const success = k === 31 ? 49.5 : 100;
    const seconds = Math.floor((TINY_FIRST_ROW_MS + k * 60_000) / 1000);
    lines.push([goTimeOfRow(k, -20), seconds, 'Frontend', success, 0.24, 1.15, 1.825, 2.365].join(','));
  }
  return `${lines.join('\n')}\n`;
}
