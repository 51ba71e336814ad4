/**
 * The HTTP surface of `nightshift serve`: webhooks in, the JSON API out. Built on Hono so every
 * route is testable with `app.request()` without a socket. Webhooks are authenticated per source,
 * size-limited, parsed with zod and handed to the store's intake, which decides atomically whether
 * an alert is new, a duplicate, part of an open group, or a resolve.
 */
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { accuracyQuerySchema, measureAccuracy } from '../accuracy/index.js';
import { redactDeep, redactString } from '../anonymise/index.js';
import { measureBacktestAccuracy } from '../backtest/index.js';
import type { AuthConfig } from '../config/schema.js';
import { NightshiftError, type Report } from '../core/index.js';
import {
  ALERT_SOURCES,
  alertSources,
  checkAlertSourceAuth,
  checkBearer,
  isAlertSource,
  type ReceivedAlert,
} from '../intake/index.js';
import {
  GRADES,
  type IncomingAlert,
  type IntakeOptions,
  type IntakeOutcome,
  type Store,
} from '../store/types.js';
import { readBody } from './body.js';
import { refuseRequest } from './guard.js';
import { HEALTH_WINDOW, sourceHealth } from './health.js';
import { checkPageAuth } from './page-auth.js';
import { renderReportPage } from './report-page.js';
import { computeStats } from './stats.js';

export interface AppDeps {
  store: Store;
  auth: AuthConfig;
  /** Largest accepted request body, bytes. */
  bodyLimit: number;
  intake: IntakeOptions;
  now?: () => number;
  /** Intake queued a job: wake the worker instead of waiting for its next poll. */
  onQueued?: () => void;
  /** An alert joined an investigation that may already have a brief out. */
  onGrouped?: (investigationId: string, alert: ReceivedAlert) => void;
  /** Host names besides loopback names and IP literals that requests may address (see guard.ts). */
  allowedHosts?: readonly string[];
  log?: (line: string) => void;
}

export function createApp(deps: AppDeps): Hono {
  const now = deps.now ?? Date.now;
  const app = new Hono();

  app.onError((error, c) => {
    deps.log?.(`error: ${c.req.method} ${new URL(c.req.url).pathname}: ${(error as Error).message}`);
    return c.json({ error: 'internal error; see the server log' }, 500);
  });
  app.notFound((c) => c.json({ error: `no route ${c.req.method} ${new URL(c.req.url).pathname}` }, 404));

  // Before any route: the body limit, then the host, cross-site and content-type rules.
  app.use('*', async (c, next) => {
    const declared = Number(c.req.header('content-length'));
    if (Number.isFinite(declared) && declared > deps.bodyLimit) return tooLarge(c, deps.bodyLimit);
    const refusal = refuseRequest(
      {
        method: c.req.method,
        host: c.req.header('host') ?? new URL(c.req.url).host,
        origin: c.req.header('origin'),
        fetchSite: c.req.header('sec-fetch-site'),
        fetchMode: c.req.header('sec-fetch-mode'),
        contentType: c.req.header('content-type'),
        jsonBody: c.req.method === 'POST' || c.req.method === 'PUT' || c.req.method === 'PATCH',
      },
      { allowedHosts: deps.allowedHosts ?? [] },
    );
    if (refusal) return c.json({ error: refusal.error }, refusal.status);
    await next();
  });

  app.get('/healthz', async (c) => {
    const [pending, dead, recent] = await Promise.all([
      deps.store.pendingJobs(),
      deps.store.deadJobs(),
      deps.store.listInvestigations({ limit: HEALTH_WINDOW, status: 'done' }),
    ]);
    const sources = sourceHealth(recent.map((r) => r.report));
    return c.json({
      status: sources.status,
      ...(sources.problems.length > 0 && { problems: sources.problems }),
      store: deps.store.dialect,
      pendingJobs: pending.length,
      deadJobs: dead.length,
    });
  });

  app.post('/webhooks/:source', async (c) => {
    const source = c.req.param('source');
    if (!isAlertSource(source)) {
      return c.json(
        { error: `unknown webhook source "${source}"; use one of ${ALERT_SOURCES.join(', ')}` },
        404,
      );
    }
    const body = await readBody(c, deps.bodyLimit);
    if (!body.ok) return tooLarge(c, deps.bodyLimit);
    const rawBody = body.bytes;
    const refusal = checkAlertSourceAuth(deps.auth, source, {
      rawBody,
      header: (n) => c.req.header(n),
      nowMs: now(),
    });
    if (refusal) return c.json({ error: refusal.error }, refusal.status);

    let payload: unknown;
    try {
      payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(rawBody));
    } catch (error) {
      return c.json({ error: `body is not JSON: ${(error as Error).message}` }, 400);
    }
    const receivedAt = now();
    let received: ReceivedAlert[];
    try {
      received = alertSources[source].parse(payload, receivedAt);
    } catch (error) {
      if (error instanceof NightshiftError && error.code === 'BAD_INPUT')
        return c.json({ error: error.message }, 400);
      throw error;
    }
    const outcomes: (IntakeOutcome & { fingerprint: string })[] = [];
    for (const r of received) {
      const outcome = await deps.store.intake(toIncoming(r, receivedAt), deps.intake);
      outcomes.push({ ...outcome, fingerprint: r.fingerprint });
      if (outcome.kind === 'grouped') deps.onGrouped?.(outcome.investigationId, r);
    }
    if (outcomes.some((o) => o.kind === 'new' || o.kind === 'resolved')) deps.onQueued?.();
    return c.json({ accepted: received.length, outcomes }, 202);
  });

  app.use('/api/*', async (c, next) => {
    const token = deps.auth.api?.bearer;
    if (token) {
      const result = checkBearer(c.req.header('authorization'), token);
      if (result === 'missing') return c.json({ error: 'unauthorized' }, 401);
      if (result !== 'ok') return c.json({ error: 'forbidden' }, 403);
    }
    await next();
  });
  // The page a person opens from the brief: the API's token, which a browser sends as the
  // password of HTTP Basic auth (any user name), since a link cannot carry a bearer header.
  app.use('/investigations/*', async (c, next) => {
    const token = deps.auth.api?.bearer;
    if (token) {
      const result = checkPageAuth(c.req.header('authorization'), token);
      if (result === 'missing') {
        c.header('WWW-Authenticate', 'Basic realm="nightshift", charset="UTF-8"');
        return c.text('Sign in with any user name and the API token (auth.api.bearer) as the password.', 401);
      }
      if (result !== 'ok') return c.text('forbidden', 403);
    }
    await next();
  });

  app.get('/investigations/:id', async (c) => {
    const id = c.req.param('id');
    const investigation = await deps.store.getInvestigation(id);
    if (!investigation) return c.text(`no investigation ${id}`, 404);
    const [alerts, feedback] = await Promise.all([deps.store.alertsOf(id), deps.store.listFeedback([id])]);
    c.header(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'",
    );
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    return c.html(
      renderReportPage({
        investigation,
        alerts,
        feedback,
        now: now(),
        ...(investigation.report !== undefined && { report: investigation.report as Report }),
      }),
    );
  });

  app.get('/api/investigations', async (c) => {
    const query = listQuerySchema.safeParse(c.req.query());
    if (!query.success) return c.json({ error: issueText(query.error, 'query parameter') }, 400);
    const rows = await deps.store.listInvestigations(query.data);
    return c.json({ investigations: rows.map(summary) });
  });

  app.get('/api/investigations/:id', async (c) => {
    const id = c.req.param('id');
    const row = await deps.store.getInvestigation(id);
    if (!row) return c.json({ error: `no investigation ${id}` }, 404);
    const [alerts, feedback] = await Promise.all([deps.store.alertsOf(id), deps.store.listFeedback([id])]);
    return c.json({ investigation: row, alerts, feedback });
  });

  app.get('/api/investigations/:id/trace', async (c) => {
    const id = c.req.param('id');
    const trace = await deps.store.getTrace(id);
    if (trace === undefined)
      return c.json({ error: `no trace for investigation ${id} (unknown, or not finished)` }, 404);
    return c.json(trace as object);
  });

  app.post('/api/investigations/:id/feedback', async (c) => {
    const id = c.req.param('id');
    const raw = await readBody(c, deps.bodyLimit);
    if (!raw.ok) return tooLarge(c, deps.bodyLimit);
    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw.bytes));
    } catch {
      return c.json({ error: 'body is not JSON' }, 400);
    }
    const parsed = feedbackSchema.safeParse(body);
    if (!parsed.success) return c.json({ error: issueText(parsed.error, 'field') }, 400);
    if (!(await deps.store.getInvestigation(id))) return c.json({ error: `no investigation ${id}` }, 404);
    const feedback = await deps.store.addFeedback({ ...parsed.data, investigationId: id, at: now() });
    return c.json({ feedback }, 201);
  });

  app.get('/api/stats', async (c) => {
    const investigations = await deps.store.listInvestigations({ limit: 100_000 });
    const feedback = await deps.store.listFeedback();
    const firstFiring = new Map<string, number>();
    for (const inv of investigations.filter((i) => i.resolvedAt !== undefined)) {
      const alerts = await deps.store.alertsOf(inv.id);
      if (alerts.length > 0) firstFiring.set(inv.id, Math.min(...alerts.map((a) => a.startsAt)));
    }
    return c.json(computeStats(investigations, feedback, firstFiring));
  });

  // The figures users quote, from confirmed incidents only (see docs/backtests.md).
  app.get('/api/accuracy', async (c) => {
    const query = accuracyQuerySchema.safeParse(c.req.query());
    if (!query.success) return c.json({ error: issueText(query.error, 'query parameter') }, 400);
    const { since, by, backtest } = query.data;
    if (backtest === undefined)
      return c.json(await measureAccuracy(deps.store, { sinceMs: now() - since, ...(by && { by }) }));
    try {
      return c.json(await measureBacktestAccuracy(deps.store, backtest, by ? { by } : {}));
    } catch (error) {
      if (error instanceof NightshiftError && (error.code === 'NOT_FOUND' || error.code === 'BAD_INPUT'))
        return c.json(
          { error: `query parameter backtest: ${error.message}` },
          error.code === 'NOT_FOUND' ? 404 : 400,
        );
      throw error;
    }
  });

  return app;
}

/**
 * The alert as the store keeps it. Labels and annotations are free text a sender fills (a summary
 * that quotes a log line, a debug label), so secrets in them are redacted before they are stored;
 * the fingerprint was computed from the labels as sent, so identity is unchanged.
 */
export function toIncoming(r: ReceivedAlert, receivedAt: number): IncomingAlert {
  const a = r.alert;
  return {
    fingerprint: r.fingerprint,
    source: r.source,
    status: r.status,
    groupKey: r.groupKey,
    name: redactString(a.name),
    service: a.service,
    severity: a.severity,
    labels: redactDeep(a.labels),
    annotations: redactDeep(a.annotations),
    startsAt: a.startsAt,
    ...(a.endsAt !== undefined && { endsAt: a.endsAt }),
    receivedAt,
    ...(r.eventAt !== undefined && { eventAt: r.eventAt }),
    ...(r.eventId !== undefined && { eventId: r.eventId }),
  };
}

const listQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(50),
    before: z.coerce.number().int().optional(),
    status: z.enum(['queued', 'running', 'done', 'failed']).optional(),
    service: z.string().min(1).optional(),
  })
  .strict();

const feedbackSchema = z
  .object({
    grade: z.enum(GRADES),
    rootCause: z.string().min(1).max(4000).optional(),
    category: z.string().min(1).max(100).optional(),
    by: z.string().min(1).max(200).optional(),
  })
  .strict();

function tooLarge(c: Context, limit: number) {
  return c.json({ error: `request body is larger than ${limit} bytes (server.bodyLimit)` }, 413);
}

function issueText(error: z.ZodError, what: string): string {
  const issue = error.issues[0];
  if (issue?.code === 'unrecognized_keys') return `unknown ${what} "${issue.keys.join('", "')}"`;
  return `${what} "${issue?.path.join('.') ?? ''}": ${issue?.message ?? 'invalid'}`;
}

/** The list view: no report or trace bodies. */
function summary(row: Awaited<ReturnType<Store['listInvestigations']>>[number]) {
  const { report: _report, ...rest } = row;
  return rest;
}
