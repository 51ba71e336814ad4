/**
 * Errors that Nightshift throws carry a stable code (for scripts and tests) and a hint that says
 * what the user can do about it. Failures that are part of the job (a source timed out) are
 * returned as data instead; see `Fetched`.
 */
export type ErrorCode =
  | 'BAD_INPUT'
  | 'BAD_BUNDLE'
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'QUERY_FAILED'
  | 'QUERY_TIMEOUT'
  | 'READ_ONLY'
  | 'INTERNAL';

export class NightshiftError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'NightshiftError';
    this.code = code;
    this.hint = options.hint;
  }
}

/** Where a problem was found in a file: what a user needs to fix it. */
export interface Problem {
  file: string;
  line?: number;
  field?: string;
  message: string;
}

export function formatProblem(p: Problem): string {
  const where = p.line === undefined ? p.file : `${p.file} line ${p.line}`;
  const field = p.field === undefined ? '' : `: field "${p.field}"`;
  return `${where}${field}: ${p.message}`;
}

/** A bundle or config file that failed validation; lists every problem found (up to a limit). */
export class ValidationError extends NightshiftError {
  readonly problems: readonly Problem[];
  readonly truncated: boolean;

  constructor(problems: readonly Problem[], options: { truncated?: boolean; hint?: string } = {}) {
    const lines = problems.map(formatProblem);
    if (options.truncated) lines.push('… more problems not shown');
    super('BAD_BUNDLE', lines.join('\n'), { hint: options.hint });
    this.name = 'ValidationError';
    this.problems = problems;
    this.truncated = options.truncated ?? false;
  }
}

/** A result that may have failed without throwing: a slow source is missing evidence, not a crash. */
export type Fetched<T> =
  | { ok: true; value: T; source: string }
  | { ok: false; source: string; error: NightshiftError };
