/**
 * Leave-one-system-out (LOSO) scoring for bench:logs. A miner's defaults were chosen looking at all
 * 12 Loghub-2k systems, so its in-sample score flatters it. Here every parameter one would tune gets a
 * small grid; for each system, the setting with the best mean GA on the other 11 is chosen and the
 * held-out system is scored with it. Plain Drain gets the same treatment over its similarity
 * threshold and depth, so the two are compared on equal terms.
 */
import type { MinerConfig } from '../src/analysis/index.js';
import type { DrainOptions } from './baselines/drain.js';
import type { Accuracy } from './loghub.js';

/** One setting of a grid: a name for the table and the options it passes. */
export interface GridSetting<T> {
  name: string;
  options: T;
}

/** Every combination of the given values, the first value of each list first (the defaults). */
function product<T extends object>(axes: { [K in keyof T]: readonly T[K][] }): T[] {
  let combos: Array<Partial<T>> = [{}];
  for (const key of Object.keys(axes) as Array<keyof T>) {
    combos = combos.flatMap((c) => axes[key].map((v) => ({ ...c, [key]: v })));
  }
  return combos as T[];
}

type TunedMiner = Pick<
  MinerConfig,
  'similarityThreshold' | 'prefixWords' | 'maxUnseenValueShare' | 'minWordValues'
>;

/**
 * Ours: the similarity to join a cluster, the leading words routed on, the Good–Turing bound of a
 * closed set and the values a one-word difference needs. Today's defaults come first, so a tie keeps
 * them. 54 settings.
 */
export const MINER_GRID: GridSetting<Partial<MinerConfig>>[] = product<TunedMiner>({
  similarityThreshold: [0.5, 0.4, 0.6],
  prefixWords: [2, 1, 3],
  maxUnseenValueShare: [0.05, 0.02, 0.1],
  minWordValues: [3, 5],
}).map((o) => ({
  name: `sim ${o.similarityThreshold} prefix ${o.prefixWords} unseen ${o.maxUnseenValueShare} values ${o.minWordValues}`,
  options: o,
}));

/** Plain Drain: similarity threshold and tree depth, Drain3's defaults (0.4, 4) first. 20 settings. */
export const DRAIN_GRID: GridSetting<DrainOptions>[] = product<Omit<DrainOptions, 'maxChildren'>>({
  similarityThreshold: [0.4, 0.3, 0.5, 0.6, 0.7],
  depth: [4, 3, 5, 6],
}).map((o) => ({
  name: `sim ${o.similarityThreshold} depth ${o.depth}`,
  options: { ...o, maxChildren: 100 },
}));

/** The setting chosen for one held-out system and its score there. */
export interface LosoResult {
  system: string;
  setting: string;
  accuracy: Accuracy;
}

/**
 * Leave-one-system-out over a grid's scores: `scores[s][k]` is setting s on system k. For each k,
 * the setting with the highest mean GA over the other systems (the earlier setting on a tie) is
 * chosen and its score on k reported.
 */
export function leaveOneSystemOut(
  systems: readonly string[],
  settings: readonly { name: string }[],
  scores: readonly (readonly Accuracy[])[],
): LosoResult[] {
  return systems.map((system, k) => {
    let best = 0;
    let bestGa = -1;
    scores.forEach((row, s) => {
      const others = row.filter((_, j) => j !== k);
      const ga = others.reduce((sum, a) => sum + a.ga, 0) / others.length;
      if (ga > bestGa) {
        best = s;
        bestGa = ga;
      }
    });
    return {
      system,
      setting: (settings[best] as { name: string }).name,
      accuracy: (scores[best] as readonly Accuracy[])[k] as Accuracy,
    };
  });
}

/** The setting with the best mean GA over all systems (for scoring data outside them). */
export function bestOverall<T>(
  settings: readonly GridSetting<T>[],
  scores: readonly (readonly Accuracy[])[],
): GridSetting<T> {
  let best = 0;
  let bestGa = -1;
  scores.forEach((row, s) => {
    const ga = row.reduce((sum, a) => sum + a.ga, 0) / row.length;
    if (ga > bestGa) {
      best = s;
      bestGa = ga;
    }
  });
  return settings[best] as GridSetting<T>;
}
