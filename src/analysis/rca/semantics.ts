/**
 * What a metric's movement means. Names follow the bundle spec's preferred metrics; anything else
 * counts in either direction at a lower weight, so unknown metrics still contribute without
 * dominating. The tags feed the category classifier.
 */

export type MetricTag =
  | 'errors'
  | 'latency'
  | 'cpu'
  | 'memory'
  | 'restarts'
  | 'disk'
  | 'pool'
  | 'pool_max'
  | 'cache'
  | 'queue'
  | 'traffic'
  | 'network'
  | 'other';

export interface MetricMeaning {
  tag: MetricTag;
  /** The direction that means trouble. */
  bad: 'up' | 'down' | 'either';
  /** How much a strong shift of this metric says about its service being the cause. */
  weight: number;
}

const RULES: ReadonlyArray<[RegExp, MetricMeaning]> = [
  [/^error_ratio$|error_rate|errors/, { tag: 'errors', bad: 'up', weight: 1 }],
  [/^restarts_total$|restart/, { tag: 'restarts', bad: 'up', weight: 1 }],
  [/^disk_utilization$|disk/, { tag: 'disk', bad: 'up', weight: 1 }],
  [/^db_connections_max$/, { tag: 'pool_max', bad: 'down', weight: 1 }],
  [/^db_connections_in_use$|pool/, { tag: 'pool', bad: 'up', weight: 0.8 }],
  [/^cache_hit_ratio$|hit_ratio/, { tag: 'cache', bad: 'down', weight: 1 }],
  [/^queue_depth$|queue|backlog|lag/, { tag: 'queue', bad: 'up', weight: 1 }],
  [/^memory_(utilization|bytes)$|memory/, { tag: 'memory', bad: 'up', weight: 0.8 }],
  [/^cpu_utilization$|cpu/, { tag: 'cpu', bad: 'up', weight: 0.9 }],
  [/network|client_latency|call_latency|retransmit/, { tag: 'network', bad: 'up', weight: 0.6 }],
  [/^latency_|latency|duration/, { tag: 'latency', bad: 'up', weight: 0.9 }],
  [/^requests_per_second$|workload|throughput|rps/, { tag: 'traffic', bad: 'either', weight: 0.3 }],
];

const DEFAULT: MetricMeaning = { tag: 'other', bad: 'either', weight: 0.4 };

export function meaningOf(metric: string): MetricMeaning {
  for (const [pattern, meaning] of RULES) if (pattern.test(metric)) return meaning;
  return DEFAULT;
}

export function isBadDirection(meaning: MetricMeaning, direction: 'up' | 'down'): boolean {
  return meaning.bad === 'either' || meaning.bad === direction;
}
