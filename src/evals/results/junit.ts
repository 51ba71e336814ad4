/**
 * The run as JUnit XML (`--junit <file>`), the format CI systems show as test results: one
 * testsuite per suite file, one testcase per case. A failed case carries a <failure> with its
 * reasons, an errored one an <error>, an xfail case is <skipped> with why.
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../../bundle/index.js';
import type { CaseResult, EvalRunResult } from './schema.js';
import { failureLines } from './table.js';

/**
 * Text safe in XML content and attribute values: the five special characters escaped, and the
 * characters XML 1.0 forbids (most C0 controls, lone surrogates, U+FFFE/FFFF) replaced, since a
 * model's output may hold anything and one stray byte makes the whole report unreadable.
 */
export function xmlEscape(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

function testcase(c: CaseResult): string {
  const head = `    <testcase classname="${xmlEscape(c.suite)}" name="${xmlEscape(c.name)}" time="${seconds(c.durationMs)}"`;
  const summary = `${c.passes}/${c.repeats.length} passed, gate ${c.gate.k}/${c.gate.n}`;
  const body = (tag: string, message: string, lines: string[]) =>
    `>\n      <${tag} message="${xmlEscape(message)}">${xmlEscape(lines.join('\n'))}</${tag}>\n    </testcase>`;
  switch (c.status) {
    case 'pass':
    case 'xpass':
      return `${head}/>`;
    case 'fail':
      return head + body('failure', summary, failureLines(c));
    case 'error':
      return head + body('error', `every repeat errored: ${c.repeats[0]?.error ?? ''}`, failureLines(c));
    case 'xfail':
      return `${head}>\n      <skipped message="${xmlEscape(`xfail: ${c.xfail ?? ''}`)}"/>\n    </testcase>`;
  }
}

export function renderJunit(result: EvalRunResult): string {
  const files = [...new Set(result.cases.map((c) => c.suite))];
  const suites = files.map((file) => {
    const cases = result.cases.filter((c) => c.suite === file);
    const count = (...statuses: string[]) => cases.filter((c) => statuses.includes(c.status)).length;
    const time = cases.reduce((sum, c) => sum + c.durationMs, 0);
    return [
      `  <testsuite name="${xmlEscape(file)}" tests="${cases.length}" failures="${count('fail')}" errors="${count('error')}" skipped="${count('xfail')}" time="${seconds(time)}">`,
      ...cases.map(testcase),
      '  </testsuite>',
    ].join('\n');
  });
  const s = result.summary;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="nightshift eval ${xmlEscape(result.id)}" tests="${s.cases}" failures="${s.failed}" errors="${s.errored}" skipped="${s.xfailed}" time="${seconds(result.finishedAt - result.startedAt)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

/** Writes the report atomically (temporary sibling, then rename): CI never reads half a file. */
export async function writeJunit(file: string, result: EvalRunResult): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFileAtomic(file, renderJunit(result));
}
