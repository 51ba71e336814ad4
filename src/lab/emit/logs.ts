/**
 * Log lines for one simulated step: the background chatter of every service (drawn from its role's
 * templates in proportion to its traffic), the errors callers log when their calls fail, the lines
 * only the faulty component writes, and start-up lines after restarts.
 */
import type { LogLevel, LogRecord } from '../../core/index.js';
import type { StepLogs } from '../faults/fault.js';
import { templatesForService } from '../logs/catalogue.js';
import type { LogTemplate } from '../logs/template.js';
import type { Random } from '../random.js';
import type { Index } from '../sim/conditions.js';
import type { SimResult } from '../sim/state.js';
import type { LabRole } from '../topology.js';
import { ServiceRenderContext } from './render-context.js';
import { describeCallFailure, failureOnEdge } from './symptoms.js';

/** Relative log volume per request, by role: workers and app services are chattier than proxies. */
export const ROLE_LOG_WEIGHT: Record<LabRole, number> = {
  edge: 0.5,
  web: 1,
  app: 1.2,
  'db-proxy': 0.25,
  database: 0.5,
  cache: 0.1,
  queue: 0.4,
  worker: 2,
  external: 0,
};

/** Share of failed requests that leave an error line (services sample repetitive errors). */
const SYMPTOM_LOG_SHARE = 0.3;
const SYMPTOM_LINES_CAP = 250;

interface Prepared {
  templates: LogTemplate[];
  cumulative: number[];
  ctx: ServiceRenderContext;
}

export class LogEmitter {
  private readonly prepared: Prepared[];
  private readonly stepSec: number;

  constructor(
    private readonly index: Index,
    private readonly result: SimResult,
    private readonly rng: Random,
    /** Background lines per request-weight unit, chosen so the bundle has the requested volume. */
    private readonly scale: number,
    private readonly faultLogs: ((s: StepLogs) => void) | undefined,
  ) {
    this.stepSec = result.stepMs / 1000;
    this.prepared = index.services.map((s) => {
      const templates = s.role === 'external' ? [] : templatesForService(s);
      let sum = 0;
      const cumulative = templates.map((t) => {
        sum += t.weight;
        return sum;
      });
      return { templates, cumulative, ctx: new ServiceRenderContext(rng, s) };
    });
  }

  /** Log records of `step`, in time order. */
  step(step: number, errorTraces: ReadonlyArray<{ service: number; traceId: string }>): LogRecord[] {
    const r = this.result;
    const t0 = r.start + step * r.stepMs;
    const records: LogRecord[] = [];
    const emitAt = (i: number, level: LogLevel, message: string, traceId?: string) => {
      const rec: LogRecord = {
        ts: Math.floor(t0 + this.rng.next() * r.stepMs),
        service: this.index.services[i]?.name ?? '',
        level,
        message,
      };
      if (traceId !== undefined) rec.traceId = traceId;
      records.push(rec);
    };
    const traceIds = new Map<number, string[]>();
    for (const e of errorTraces) {
      const list = traceIds.get(e.service) ?? [];
      list.push(e.traceId);
      traceIds.set(e.service, list);
    }

    this.index.services.forEach((s, i) => {
      if (s.role === 'external') return;
      const cell = step * r.services + i;
      const p = this.prepared[i] as Prepared;
      p.ctx.medianMs = r.fields.p50[cell] ?? 10;
      if (r.down[cell]) return;
      const requests = (r.fields.rps[cell] ?? 0) * this.stepSec;
      const background = this.rng.poisson(requests * ROLE_LOG_WEIGHT[s.role] * this.scale);
      const total = p.cumulative[p.cumulative.length - 1] ?? 0;
      for (let k = 0; k < background; k++) {
        const template = pickTemplate(p, this.rng.next() * total);
        if (template) emitAt(i, template.level, template.render(p.ctx));
      }
      this.symptoms(step, i, requests, p, traceIds.get(i) ?? [], emitAt);
    });

    for (const restart of restartsIn(r, t0)) {
      const name = this.index.services[restart.service]?.name ?? '';
      emitAt(
        restart.service,
        'info',
        `starting ${name} (pid 1) after restart; last state: ${restart.reason}`,
      );
      emitAt(restart.service, 'info', `${name} listening on 0.0.0.0:8080`);
    }

    this.faultLogs?.({
      t: t0,
      stepMs: r.stepMs,
      step,
      rng: this.rng,
      result: r,
      index: this.index,
      requests: (i) => (r.fields.rps[step * r.services + i] ?? 0) * this.stepSec,
      emit: (i, level, message) => emitAt(i, level, message),
    });
    return records.sort((a, b) => a.ts - b.ts);
  }

  /** Error lines for requests that failed because a call failed or the deadline passed. */
  private symptoms(
    step: number,
    i: number,
    requests: number,
    p: Prepared,
    traceIds: string[],
    emitAt: (i: number, level: LogLevel, message: string, traceId?: string) => void,
  ): void {
    const r = this.result;
    const cell = step * r.services + i;
    const role = this.index.services[i]?.role ?? 'app';
    const fromCalls = Math.max(
      0,
      (r.fields.errorRatio[cell] ?? 0) -
        (r.fields.selfErrorRatio[cell] ?? 0) -
        (r.fields.timeoutShare[cell] ?? 0),
    );
    const edge = r.failingEdge[cell] ?? -1;
    const failing = this.rng.poisson(requests * fromCalls * SYMPTOM_LOG_SHARE);
    for (let k = 0; k < Math.min(SYMPTOM_LINES_CAP, failing) && edge >= 0; k++) {
      const e = this.index.edges[edge];
      if (!e) break;
      const calleeCell = step * r.services + e.to;
      const failure = failureOnEdge(
        r.down[calleeCell] === 1,
        r.edgeFailure[step * this.index.edges.length + edge] ?? 0,
        r.fields.timeoutShare[calleeCell] ?? 0,
      );
      const dependency = this.index.services[e.to]?.name ?? '';
      emitAt(
        i,
        'error',
        describeCallFailure(this.rng, role, dependency, failure, p.ctx.path(), r.start + step * r.stepMs),
        traceIds.pop(),
      );
    }
    const timeouts = this.rng.poisson(requests * (r.fields.timeoutShare[cell] ?? 0) * SYMPTOM_LOG_SHARE);
    const slow = r.slowEdge[cell] ?? -1;
    const slowName = slow >= 0 ? this.index.services[this.index.edges[slow]?.to ?? -1]?.name : undefined;
    for (let k = 0; k < Math.min(SYMPTOM_LINES_CAP, timeouts); k++) {
      const message = slowName
        ? `request ${p.ctx.path()} cancelled: deadline exceeded after 5000ms waiting for ${slowName}`
        : `request ${p.ctx.path()} cancelled: deadline exceeded after 5000ms`;
      emitAt(i, 'error', message, traceIds.pop());
    }
  }
}

function pickTemplate(p: Prepared, x: number): LogTemplate | undefined {
  let lo = 0;
  let hi = p.cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((p.cumulative[mid] ?? 0) > x) hi = mid;
    else lo = mid + 1;
  }
  return p.templates[lo];
}

function restartsIn(r: SimResult, t0: number) {
  return r.restarts.filter((x) => x.ts >= t0 && x.ts < t0 + r.stepMs);
}
