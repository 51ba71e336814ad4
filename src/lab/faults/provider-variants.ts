/**
 * The provider-outage variant `identity`: an external identity provider fails (token endpoint
 * 503s, key set unreachable). The internal service that validates tokens with it logs JWKS and
 * token errors, and the services behind that one reject their users with 401s and 503s. The root is
 * the provider, not the internal caller that shows the errors.
 */
import { MINUTE_MS } from '../../core/index.js';
import { emitMany, type FaultContext, type FaultPlan, indexOf, ramp } from './fault.js';
import { callersOf } from './targets.js';

export function planIdentityOutage(ctx: FaultContext, target: string): FaultPlan {
  const i = indexOf(ctx, target);
  const errors = ctx.rng.float(0.4, 0.95);
  const slowdown = ctx.rng.float(3, 15);
  const rampMs = MINUTE_MS + ctx.rampMs;
  const validators = callersOf(ctx.topology, target).map((s) => indexOf(ctx, s.name));
  const downstream = validators.flatMap((v) =>
    callersOf(ctx.topology, ctx.index.services[v]?.name ?? '').map((s) => ({
      at: indexOf(ctx, s.name),
      validator: ctx.index.services[v]?.name ?? '',
    })),
  );
  const kid = ctx.rng.hex(8);
  return {
    target,
    startedAt: ctx.incidentAt,
    summary: `${target} (external identity provider) outage: ${Math.round(errors * 100)}% of token and key-set requests fail with 503, the rest are ${Math.round(slowdown)}x slower; token validation fails in its callers`,
    apply(t, c) {
      const r = ramp(t, ctx.incidentAt, rampMs);
      c.selfErrorAdd[i] = (c.selfErrorAdd[i] ?? 0) + errors * r;
      c.selfLatencyFactor[i] = (c.selfLatencyFactor[i] ?? 1) * (1 + (slowdown - 1) * r);
    },
    logs(st) {
      const r = ramp(st.t, ctx.incidentAt, rampMs);
      if (r <= 0) return;
      for (const v of validators) {
        emitMany(st, v, 2 * r, 6, 'error', () =>
          st.rng.chance(0.5)
            ? `failed to refresh JWKS from https://${target}/.well-known/jwks.json: 503 Service Unavailable`
            : `token validation failed: no key with kid "${kid}" in cached JWKS (refresh failing)`,
        );
        emitMany(
          st,
          v,
          st.requests(v) * errors * r * 0.1,
          150,
          'warn',
          () => `POST https://${target}/oauth/token returned 503; responding 401 Unauthorized`,
        );
      }
      for (const d of downstream) {
        emitMany(
          st,
          d.at,
          st.requests(d.at) * errors * r * 0.05,
          100,
          'warn',
          () =>
            `request rejected: ${d.validator} answered 401 Unauthorized (invalid_token: signature could not be verified)`,
        );
      }
    },
    fallbackAlert: { name: 'HighErrorRate', service: target, summary: `errors calling ${target}` },
  };
}
