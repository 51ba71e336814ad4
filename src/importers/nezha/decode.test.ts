import { describe, expect, test } from 'vitest';
import { NightshiftError } from '../../core/index.js';
import { parseCsvTable } from './csv-table.js';
import { decodeDependencyTable, decodeEdgeTable, decodeFaultList, decodePodTable } from './decode.js';
import { POD_COLUMNS } from './wire.js';

const POD = 'adservice-5f6585d649-fnmft';
const TIME = '2022-08-22 03:51:19.607158889 +0000 UTC m=+0.113112869';
// adservice on 2022-08-22: TimeStamp is 1861140279, 200,000,000 s after the Time beside it.
const VALUES =
  '1.76,5.87,201.23828125,81.08,950,2352,29341.7,81313.2,0.085,NaN,0.0925,0.0189,0.0985,0.0237,5.09,0,1.53,7.86,28220.5';

function podTable(rows: string[], header = POD_COLUMNS.join(',')) {
  return parseCsvTable('ad_metric.csv', [header, ...rows].join('\n'));
}

function errorOf(run: () => unknown): NightshiftError {
  try {
    run();
  } catch (error) {
    if (error instanceof NightshiftError) return error;
    throw error;
  }
  throw new Error('expected a NightshiftError');
}

describe('decodePodTable', () => {
  test('takes the time from Time, not the corrupted TimeStamp; NaN is no value', () => {
    const [row] = decodePodTable(podTable([`${TIME},1861140279,${POD},${VALUES}`]), POD);
    expect(row!.timeMs).toBe(Date.parse('2022-08-22T03:51:19.607Z'));
    expect(row!.values['PodServerLatencyP90(s)']).toBeUndefined();
    expect(row!.values['PodClientLatencyP90(s)']).toBe(0.085);
    expect(row!.values['MemoryUsage(Mi)']).toBe(201.23828125);
    expect(row!.line).toBe(2);
  });

  test.each([
    {
      name: 'a bad number names line and column',
      rows: [`${TIME},1,${POD},${VALUES}`, `${TIME},1,${POD},${VALUES.replace('950', 'lots')}`],
      message: 'ad_metric.csv line 3, column "SyscallRead": expected a number, "NaN" or nothing, got "lots"',
    },
    {
      name: 'a bad Time',
      rows: [`2022-08-22 03:51:19,1,${POD},${VALUES}`],
      message: 'ad_metric.csv line 2, column "Time": expected a Go time',
    },
    {
      name: "another pod's row",
      rows: [`${TIME},1,cartservice-579f59597d-wc2lz,${VALUES}`],
      message: `ad_metric.csv line 2, column "PodName": PodName is "cartservice-579f59597d-wc2lz", but the file is ${POD}'s`,
    },
    {
      name: 'a short row',
      rows: [`${TIME},1,${POD}`],
      message: 'ad_metric.csv line 2: expected 22 cells as in the header, got 3',
    },
    {
      name: 'a quoted cell',
      rows: [`"${TIME}",1,${POD},${VALUES}`],
      message: 'ad_metric.csv line 2: quoted cells are not expected',
    },
  ])('$name', ({ rows, message }) => {
    const error = errorOf(() => decodePodTable(podTable(rows), POD));
    expect(error.code).toBe('BAD_INPUT');
    expect(error.message).toContain(message);
  });

  test('a missing or an unknown column is refused at the header', () => {
    const missing = POD_COLUMNS.filter((c) => c !== 'SyscallRead').join(',');
    expect(errorOf(() => decodePodTable(podTable([], missing), POD)).message).toBe(
      'ad_metric.csv line 1: missing column "SyscallRead"',
    );
    const extra = `${POD_COLUMNS.join(',')},GpuUsage(%)`;
    expect(errorOf(() => decodePodTable(podTable([], extra), POD)).message).toBe(
      'ad_metric.csv line 1: unknown column "GpuUsage(%)"',
    );
  });
});

describe('decodeFaultList', () => {
  const item = (time: string, ts: string | number, type = 'cpu_contention') => ({
    inject_time: time,
    inject_timestamp: ts,
    inject_pod: POD,
    inject_type: type,
  });

  test('flattens the hours into injection order, timestamps in ms', () => {
    const list = {
      '04': [item('2022-08-22 04:02:07', '1661140927')],
      '03': [item('2022-08-22 03:53:54', 1661140434, 'return')],
    };
    expect(decodeFaultList('faults.json', JSON.stringify(list))).toEqual([
      {
        where: 'hour "03", fault 1',
        injectedAtMs: 1661140434000,
        injectTime: '2022-08-22 03:53:54',
        pod: POD,
        type: 'return',
      },
      {
        where: 'hour "04", fault 1',
        injectedAtMs: 1661140927000,
        injectTime: '2022-08-22 04:02:07',
        pod: POD,
        type: 'cpu_contention',
      },
    ]);
  });

  test.each([
    {
      name: 'a timestamp that is not epoch seconds',
      text: JSON.stringify({ '03': [item('2022-08-22 03:53:54', '2022-08-22')] }),
      message: 'faults.json: hour "03", fault 1, field "inject_timestamp"',
    },
    {
      name: 'a missing pod',
      text: JSON.stringify({ '03': [{ ...item('2022-08-22 03:53:54', '1'), inject_pod: undefined }] }),
      message: 'faults.json: hour "03", fault 1, field "inject_pod"',
    },
    { name: 'not JSON', text: '{"03": [', message: 'faults.json: not valid JSON' },
  ])('$name', ({ text, message }) => {
    const error = errorOf(() => decodeFaultList('faults.json', text));
    expect(error.code).toBe('BAD_INPUT');
    expect(error.message).toContain(message);
  });
});

describe('decodeEdgeTable', () => {
  test('an empty cell is an edge without calls that minute', () => {
    const table = parseCsvTable(
      'source_50.csv',
      `time,timestamp,frontend_cartservice,checkoutservice_emailservice\n${TIME},1661140280,0.004975309,\n`,
    );
    const decoded = decodeEdgeTable(table);
    expect(decoded.edges).toEqual([
      { column: 'frontend_cartservice', from: 'frontend', to: 'cartservice' },
      { column: 'checkoutservice_emailservice', from: 'checkoutservice', to: 'emailservice' },
    ]);
    expect(decoded.rows).toEqual([
      {
        line: 2,
        timeMs: Date.parse('2022-08-22T03:51:19.607Z'),
        seconds: new Map([['frontend_cartservice', 0.004975309]]),
      },
    ]);
  });

  test('a column that is not <caller>_<callee> is refused', () => {
    const table = parseCsvTable('source_50.csv', `time,timestamp,frontend\n${TIME},1,0.1\n`);
    expect(errorOf(() => decodeEdgeTable(table)).message).toBe(
      'source_50.csv line 1, column "frontend": expected an edge column named <caller>_<callee>',
    );
  });
});

test('decodeDependencyTable reads Source and Target', () => {
  const table = parseCsvTable(
    'dependency.csv',
    'Source,Target,Weight\nfrontend,cartservice,1\nadservice,33.33.33.76,1\n',
  );
  expect(decodeDependencyTable(table)).toEqual([
    { line: 2, source: 'frontend', target: 'cartservice' },
    { line: 3, source: 'adservice', target: '33.33.33.76' },
  ]);
});
