/**
 * Ranks recent changes as suspects for an incident. Three things make a change suspicious, and
 * its score is their product, so a change must do well on all of them:
 *
 * - closeness: changes shortly before the onset matter most. The weight halves every
 *   `halfLifeMs` (15 min by default: most bad changes show within minutes, rollouts take a few);
 *   a change after the onset cannot have caused it, but an onset dated from telemetry can be a
 *   few minutes early (the change-point search dates the start of the run that crossed its
 *   threshold) and clocks skew: a change up to five minutes after it keeps half weight, later ones
 *   none.
 * - relation: a change on a suspected service counts in proportion to the suspicion; on one of
 *   its dependencies somewhat less (a dependency's change shows at its callers), on a caller
 *   less still, on an unrelated service little.
 * - kind: deploys, config changes and flags cause most change-induced incidents; migrations and
 *   infrastructure changes some; scaling is usually a reaction to load, and a rollback a remedy.
 */
import type { Change, ChangeKind } from '../../core/index.js';
import { MINUTE_MS } from '../../core/index.js';

export interface ChangeContext {
  onset: number;
  /** Suspicion of each service, 0..1 (from the other evidence). */
  suspects: ReadonlyMap<string, number>;
  /** Direct dependencies of each service. */
  dependsOn: ReadonlyMap<string, readonly string[]>;
  halfLifeMs?: number;
  /** How far before the onset to look. */
  lookbackMs?: number;
  /**
   * When each service itself started to depart, where known. A change is judged against the later
   * of the incident's onset and its own service's: an incident-wide onset dated by an early symptom
   * elsewhere must not rule out the change that broke this service.
   */
  serviceOnsets?: ReadonlyMap<string, number>;
}

export interface RankedChange {
  change: Change;
  score: number;
  closeness: number;
  relation: number;
  kindWeight: number;
  /** The suspected service the relation came from. */
  via: string | undefined;
}

export const KIND_WEIGHT: Record<ChangeKind, number> = {
  deploy: 1,
  config: 1,
  feature_flag: 0.9,
  migration: 0.8,
  infra: 0.6,
  scale: 0.15,
  rollback: 0.1,
};

const SKEW_MS = 5 * MINUTE_MS;

export function closeness(changeAt: number, onset: number, halfLifeMs: number): number {
  const before = onset - changeAt;
  if (before < -SKEW_MS) return 0;
  if (before < 0) return 0.5;
  return 0.5 ** (before / halfLifeMs);
}

/** How strongly a change on `service` relates to the suspects, and through which. */
export function relation(service: string, ctx: ChangeContext): { relation: number; via: string | undefined } {
  let best = { relation: 0.05, via: undefined as string | undefined };
  for (const [suspect, suspicion] of ctx.suspects) {
    let r = 0;
    if (suspect === service) r = suspicion;
    else if (ctx.dependsOn.get(suspect)?.includes(service)) r = 0.6 * suspicion;
    else if (ctx.dependsOn.get(service)?.includes(suspect)) r = 0.3 * suspicion;
    if (r > best.relation) best = { relation: r, via: suspect };
  }
  return best;
}

/** The onset a change on `service` is judged against. */
export function onsetFor(service: string, ctx: ChangeContext): number {
  return Math.max(ctx.onset, ctx.serviceOnsets?.get(service) ?? ctx.onset);
}

export function rankChanges(changes: readonly Change[], ctx: ChangeContext): RankedChange[] {
  const halfLife = ctx.halfLifeMs ?? 15 * MINUTE_MS;
  const lookback = ctx.lookbackMs ?? 6 * 60 * MINUTE_MS;
  return changes
    .filter((c) => c.ts >= ctx.onset - lookback)
    .map((change) => {
      const near = closeness(change.ts, onsetFor(change.service, ctx), halfLife);
      const rel = relation(change.service, ctx);
      const kindWeight = KIND_WEIGHT[change.kind];
      return {
        change,
        score: near * rel.relation * kindWeight,
        closeness: near,
        relation: rel.relation,
        kindWeight,
        via: rel.via,
      };
    })
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score || b.change.ts - a.change.ts);
}
