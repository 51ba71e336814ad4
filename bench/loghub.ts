/**
 * Loghub-2k for bench:logs: reads a system's `*_2k.log_structured_corrected.csv` (the `Content` column
 * in, `EventTemplate` as truth) and scores a parser's output with the four accuracy measures of
 * /work/shared/data/README.md: GA and FGA (grouping), PA (exact template per line) and FTA (exact
 * template per group).
 *
 * Loghub: Zhu et al., "Tools and Benchmarks for Automated Log Parsing", ICSE-SEIP 2019; FTA: Khan et
 * al., "Guidelines for Assessing the Accuracy of Log Message Template Identification Techniques",
 * ICSE 2022.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The 12 systems of the shared copy, in the order of the published tables. */
export const LOGHUB_SYSTEMS = [
  'HDFS',
  'Hadoop',
  'Spark',
  'Zookeeper',
  'BGL',
  'HPC',
  'Linux',
  'HealthApp',
  'Apache',
  'Proxifier',
  'OpenSSH',
  'OpenStack',
] as const;

export interface LoghubSystem {
  name: string;
  contents: string[];
  truth: string[];
}

export interface Accuracy {
  ga: number;
  fga: number;
  pa: number;
  fta: number;
}

/**
 * Parses RFC 4180 CSV text into rows: quoted fields may hold commas, newlines and `""`. The
 * structured files need exactly this and no more, so a dependency would buy nothing.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    let field = '';
    if (text.charCodeAt(i) === 0x22) {
      i++;
      for (;;) {
        const quote = text.indexOf('"', i);
        if (quote === -1) throw new Error(`CSV: quoted field opened before offset ${i} never closes`);
        field += text.slice(i, quote);
        i = quote + 1;
        if (text.charCodeAt(i) !== 0x22) break;
        field += '"';
        i++;
      }
    } else {
      let end = i;
      while (end < n) {
        const c = text.charCodeAt(end);
        if (c === 0x2c || c === 0x0a || c === 0x0d) break;
        end++;
      }
      field = text.slice(i, end);
      i = end;
    }
    row.push(field);
    const c = text.charCodeAt(i);
    if (c === 0x2c) {
      i++;
      if (i === n) row.push('');
      continue;
    }
    if (c === 0x0d) i++;
    if (text.charCodeAt(i) === 0x0a) i++;
    rows.push(row);
    row = [];
  }
  if (row.length > 0) rows.push(row);
  return rows;
}

/** Reads one system's structured CSV: its `Content` and `EventTemplate` columns. */
export async function loadLoghubSystem(dir: string, name: string): Promise<LoghubSystem> {
  const file = join(dir, name, `${name}_2k.log_structured_corrected.csv`);
  const [header, ...rows] = parseCsv(await readFile(file, 'utf8'));
  const content = header?.indexOf('Content') ?? -1;
  const template = header?.indexOf('EventTemplate') ?? -1;
  if (content < 0 || template < 0) throw new Error(`${file}: no Content or EventTemplate column`);
  return {
    name,
    contents: rows.map((r) => r[content] ?? ''),
    truth: rows.map((r) => r[template] ?? ''),
  };
}

/**
 * The form in which template strings are compared, applied to truth and prediction alike: runs of
 * whitespace become one space (raw `Content` keeps runs of spaces that the corrected templates drop),
 * and a run of wildcards separated only by whitespace becomes one `<*>`. The second rule forgives a
 * parameter that spans a varying number of tokens (`<*> <*>` for a two-word value), which no
 * one-template-per-group parser can print the same way for every line; it never joins a wildcard
 * with a constant token.
 */
export function normaliseTemplate(template: string): string {
  return template
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/<\*>(?:\s*<\*>)+/g, '<*>');
}

/**
 * Scores predicted templates against the truth, line by line. Predicted groups are the lines that
 * share a predicted template string (as logparser's EventId, a hash of the template, groups them);
 * truth groups are the lines that share an `EventTemplate`.
 */
export function scoreParse(truth: readonly string[], predicted: readonly string[]): Accuracy {
  const truthGroups = groupLines(truth);
  const predictedGroups = groupLines(predicted);
  let correctLines = 0;
  let exactLines = 0;
  let correctGroups = 0;
  let exactGroups = 0;
  for (const lines of predictedGroups.values()) {
    const first = lines[0] as number;
    const label = truth[first] as string;
    const sameTruth = lines.every((i) => truth[i] === label);
    const matches = sameTruth && truthGroups.get(label)?.length === lines.length;
    if (!matches) continue;
    correctLines += lines.length;
    correctGroups++;
    if (normaliseTemplate(predicted[first] as string) === normaliseTemplate(label)) exactGroups++;
  }
  for (let i = 0; i < truth.length; i++) {
    if (normaliseTemplate(predicted[i] as string) === normaliseTemplate(truth[i] as string)) exactLines++;
  }
  return {
    ga: correctLines / truth.length,
    fga: f1(correctGroups, predictedGroups.size, truthGroups.size),
    pa: exactLines / truth.length,
    fta: f1(exactGroups, predictedGroups.size, truthGroups.size),
  };
}

function groupLines(labels: readonly string[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  labels.forEach((label, i) => {
    const lines = groups.get(label);
    if (lines) lines.push(i);
    else groups.set(label, [i]);
  });
  return groups;
}

function f1(correct: number, predicted: number, actual: number): number {
  if (correct === 0) return 0;
  const precision = correct / predicted;
  const recall = correct / actual;
  return (2 * precision * recall) / (precision + recall);
}
