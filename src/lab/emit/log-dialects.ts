/**
 * Log bodies as real services write them. The lab's native message is the bare text; a dialect
 * wraps it the way a logging library would: JSON (logstash/structlog encoders put the whole record
 * in the body when the shipper does not parse it), logfmt (`level=error msg="..."`, Go and Ruby
 * services), or a plain-text pattern with timestamp, thread and logger (logback's default). Error
 * lines of application code get a Java or Python stack trace under them, whose exception class
 * follows the message (a timeout, a refused or reset connection, TLS, a pool, memory).
 */
import type { LogRecord } from '../../core/index.js';
import type { Random } from '../random.js';
import type { LabService } from '../topology.js';
import type { LogDialect, StackDialect } from './dialect.js';
import { javaStack, pythonStack } from './stacks.js';

/** Share of application error lines logged with their exception's stack trace. */
const STACK_SHARE = 0.6;
const STACK_ROLES = new Set(['app', 'web', 'worker']);

export class LogStyler {
  private readonly loggers = new Map<string, string>();
  private readonly byName: Map<string, LabService>;

  constructor(
    services: readonly LabService[],
    private readonly rng: Random,
    private readonly logs: LogDialect,
    private readonly stacks: StackDialect,
  ) {
    this.byName = new Map(services.map((s) => [s.name, s]));
    for (const s of services) this.loggers.set(s.name, loggerName(s, stacks));
  }

  get active(): boolean {
    return this.logs !== 'native' || this.stacks !== 'none';
  }

  /** Rewrites the record's message in place. */
  style(rec: LogRecord): void {
    const service = this.byName.get(rec.service);
    const logger = this.loggers.get(rec.service) ?? rec.service;
    const failing = rec.level === 'error' || rec.level === 'fatal';
    const stack =
      failing &&
      this.stacks !== 'none' &&
      service &&
      STACK_ROLES.has(service.role) &&
      this.rng.chance(STACK_SHARE)
        ? this.stacks === 'java'
          ? javaStack(this.rng, rec.message, logger)
          : pythonStack(this.rng, rec.message, rec.service)
        : undefined;
    const thread = this.thread();
    const level = rec.level.toUpperCase();
    switch (this.logs) {
      case 'native':
        rec.message = stack ? `${rec.message}\n${stack}` : rec.message;
        return;
      case 'json': {
        const body: Record<string, string> = {
          '@timestamp': new Date(rec.ts).toISOString(),
          level,
          logger_name: logger,
          thread_name: thread,
          message: rec.message,
        };
        if (rec.traceId) body.trace_id = rec.traceId;
        if (stack) body.stack_trace = stack;
        rec.message = JSON.stringify(body);
        return;
      }
      case 'logfmt': {
        const trace = rec.traceId ? ` trace_id=${rec.traceId}` : '';
        const line = `ts=${new Date(rec.ts).toISOString()} level=${rec.level} logger=${logger} msg=${quote(rec.message)}${trace}`;
        rec.message = stack ? `${line} stacktrace=${quote(stack)}` : line;
        return;
      }
      case 'plain': {
        const ts = new Date(rec.ts).toISOString().replace('T', ' ').slice(0, 23);
        const line = `${ts} ${level.padEnd(5)} [${thread}] ${abbreviate(logger)} - ${rec.message}`;
        rec.message = stack ? `${line}\n${stack}` : line;
        return;
      }
    }
  }

  private thread(): string {
    if (this.stacks === 'python') return `Thread-${this.rng.int(1, 24)}`;
    return `http-nio-8080-exec-${this.rng.int(1, 200)}`;
  }
}

/** `com.kestrel.bookings.BookingsController` or `kestrel.bookings.handlers`: what a logger is called. */
function loggerName(s: LabService, stacks: StackDialect): string {
  const pkg = s.name.replaceAll('-', '');
  const words = (s.operations[0] ?? '').match(/[a-z]{3,}/gi) ?? [];
  const noun = words.find((w) => !VERBS.has(w.toLowerCase())) ?? 'request';
  if (stacks === 'python') return `${pkg}.${noun.toLowerCase()}.handlers`;
  const cls = noun.charAt(0).toUpperCase() + noun.slice(1).toLowerCase();
  return `com.${pkg}.${noun.toLowerCase()}.${cls}Controller`;
}

const VERBS = new Set([
  'get',
  'post',
  'put',
  'delete',
  'api',
  'process',
  'publish',
  'consume',
  'select',
  'query',
]);

/** logback's `%logger{36}`: package segments shortened to their first letter. */
function abbreviate(logger: string): string {
  const parts = logger.split('.');
  return parts.map((p, k) => (k < parts.length - 1 ? p.charAt(0) : p)).join('.');
}

function quote(text: string): string {
  return `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')}"`;
}
