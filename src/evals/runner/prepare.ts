/**
 * Everything the runner checks before it runs anything: each suite's target against the registry
 * (its config with the target's own schema), each case's input kind against what the target
 * accepts, its source, the defaults merged in and the gate scaled by `--repeat`. Any problem stops
 * the run before a single case runs, naming file, line and field.
 */
import { formatProblem, NightshiftError, type Problem } from '../../core/index.js';
import { type ParsedAssertion, parseAssertionEntry } from '../assertions/apply.js';
import { closestName } from '../assertions/closest-name.js';
import { type LoadedSuite, loadSuite, problemsError } from '../suite/load.js';
import type { Gate } from '../suite/schema.js';
import type { EvalTarget } from '../targets/target.js';
import { checkSource, type FolderHashes, inputKindOf, type SourceSpec } from './sources.js';
import { scaleGate } from './stats.js';

export interface PreparedSuite {
  file: string;
  description?: string;
  targetType: string;
  target: EvalTarget;
  /** The `target:` block parsed by the target's own schema. */
  config: unknown;
  caseCount: number;
}

/** A case with the suite's defaults merged in, ready to run. */
export interface PreparedCase {
  suite: PreparedSuite;
  name: string;
  description?: string;
  tags: string[];
  vars: Record<string, unknown>;
  /** The suite's default assertions first, then the case's own. */
  assertions: ParsedAssertion[];
  repeat: number;
  gate: Gate;
  threshold?: number;
  xfail?: string;
  source: SourceSpec;
}

export interface PrepareOptions {
  files: readonly string[];
  targets: Readonly<Record<string, EvalTarget>>;
  cases?: readonly string[];
  repeat?: number;
}

/** Loads and checks every suite; throws BAD_INPUT naming each problem's file, line and field. */
export async function prepareRun(
  options: PrepareOptions,
): Promise<{ suites: PreparedSuite[]; cases: PreparedCase[] }> {
  const suites: PreparedSuite[] = [];
  const cases: PreparedCase[] = [];
  const hashes: FolderHashes = new Map();
  const wanted = options.cases === undefined ? undefined : new Set(options.cases);
  const allNames: string[] = [];
  for (const file of options.files) {
    const loaded = await loadSuite(file);
    const suite = checkTarget(loaded, options.targets);
    allNames.push(...loaded.suite.cases.map((c) => c.name));
    const problems: Problem[] = [];
    const mine: PreparedCase[] = [];
    for (const [index, testCase] of loaded.suite.cases.entries()) {
      if (wanted !== undefined && !wanted.has(testCase.name)) continue;
      const prepared = await prepareCase(loaded, suite, index, options.repeat, hashes);
      if (Array.isArray(prepared)) problems.push(...prepared);
      else mine.push(prepared);
    }
    if (problems.length > 0) throw problemsError(problems);
    suite.caseCount = mine.length;
    suites.push(suite);
    cases.push(...mine);
  }
  const missing = [...(wanted ?? [])].filter((name) => !allNames.includes(name));
  if (missing.length > 0) {
    const described = missing.map((name) => {
      const guess = closestName(name, allNames);
      return `"${name}"${guess === undefined ? '' : ` (did you mean "${guess}"?)`}`;
    });
    throw new NightshiftError(
      'BAD_INPUT',
      `no case named ${described.join(', ')} in ${options.files.join(', ')}`,
      {
        hint: 'nightshift eval list <suite> shows the case names.',
      },
    );
  }
  return { suites, cases };
}

function checkTarget(loaded: LoadedSuite, targets: Readonly<Record<string, EvalTarget>>): PreparedSuite {
  const { type, ...rest } = loaded.suite.target;
  const problem = (path: readonly (string | number)[], message: string): Problem => {
    const line = loaded.lineOf(['target', ...path]);
    return {
      file: loaded.file,
      ...(line === undefined ? {} : { line }),
      field: ['target', ...path].join('.'),
      message,
    };
  };
  const known = Object.keys(targets);
  const target = Object.hasOwn(targets, type) ? targets[type] : undefined;
  if (target === undefined) {
    const guess = closestName(type, known);
    throw new NightshiftError(
      'BAD_INPUT',
      formatProblem(
        problem(
          ['type'],
          `unknown target "${type}"${guess === undefined ? '' : `; did you mean "${guess}"?`}`,
        ),
      ),
      { hint: `Known targets: ${known.join(', ')}.` },
    );
  }
  const parsed = target.config.safeParse(rest);
  if (!parsed.success) {
    const problems = parsed.error.issues.flatMap((issue) => {
      const path = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
      return issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => problem([...path, key], `unknown field of the ${type} target`))
        : [problem(path, issue.message)];
    });
    throw new NightshiftError('BAD_INPUT', problems.map(formatProblem).join('\n'), {
      hint: `The ${type} target: ${target.description}`,
    });
  }
  return {
    file: loaded.file,
    ...(loaded.suite.description === undefined ? {} : { description: loaded.suite.description }),
    targetType: type,
    target,
    config: parsed.data,
    caseCount: loaded.suite.cases.length,
  };
}

async function prepareCase(
  loaded: LoadedSuite,
  suite: PreparedSuite,
  index: number,
  repeatOverride: number | undefined,
  hashes: FolderHashes,
): Promise<PreparedCase | Problem[]> {
  const { defaults } = loaded.suite;
  const testCase = loaded.suite.cases[index];
  if (testCase === undefined) throw new Error(`no case #${index} in ${loaded.file}`);
  const base = ['cases', index] as const;
  const at = (path: readonly (string | number)[], message: string): Problem => {
    const line = loaded.lineOf([...base, ...path]);
    return {
      file: loaded.file,
      ...(line === undefined ? {} : { line }),
      field: [...base, ...path].join('.'),
      message,
    };
  };
  const kind = inputKindOf(testCase.input);
  if (!suite.target.accepts.includes(kind)) {
    const given =
      kind === 'none' ? 'no lab, bundle or recording' : `a ${kind === 'bundle' ? 'lab or bundle' : kind}`;
    return [
      at(
        ['input'],
        `the ${suite.targetType} target accepts ${suite.target.accepts.join(' or ')} input; this case gives ${given}`,
      ),
    ];
  }
  const written = testCase.repeat ?? testCase.pass?.n ?? defaults.repeat;
  if (testCase.pass !== undefined && testCase.pass.n !== written) {
    return [
      at(['pass'], `the gate ${testCase.pass.k}/${testCase.pass.n} must have N equal to repeat (${written})`),
    ];
  }
  const source = await checkSource(loaded, testCase.input, base, hashes);
  if (Array.isArray(source)) return source;
  const repeat = repeatOverride ?? written;
  const gate = scaleGate(testCase.pass ?? { k: written, n: written }, repeat);
  const assertions = [
    ...defaults.assert.map((raw, j) =>
      parseAssertionEntry(raw, { file: loaded.file, field: `defaults.assert.${j}` }),
    ),
    ...testCase.assert.map((raw, j) =>
      parseAssertionEntry(raw, { file: loaded.file, field: `cases.${index}.assert.${j}` }),
    ),
  ];
  return {
    suite,
    name: testCase.name,
    ...(testCase.description === undefined ? {} : { description: testCase.description }),
    tags: [...new Set([...defaults.tags, ...testCase.tags])],
    vars: { ...defaults.vars, ...(testCase.input.vars ?? {}) },
    assertions,
    repeat,
    gate,
    ...(testCase.threshold === undefined ? {} : { threshold: testCase.threshold }),
    ...(testCase.xfail === undefined ? {} : { xfail: testCase.xfail }),
    source,
  };
}
