/**
 * What usually contributes to each kind of incident, and the follow-ups that prevent, detect or
 * mitigate it next time. A Record over the category union: a new category does not compile until
 * it has its lessons here.
 */
import type { ActionItem, RootCauseCategory } from '../../core/index.js';

/** What a postmortem of one category proposes; owners are filled in from the alert's labels. */
export interface Lessons {
  factors: string[];
  items: Omit<ActionItem, 'owner'>[];
}

/**
 * The proposals per category. Thresholds are common starting points, for the team to tune: 80%
 * utilisation leaves time to act before saturation; 14 days before a certificate expires spans
 * two weekly on-call rotations even when automated renewal has silently failed.
 */
export const LESSONS: Record<RootCauseCategory, Lessons> = {
  bad_deploy: {
    factors: ['the release reached all traffic before its error rate was compared with the previous version'],
    items: [
      {
        title: 'Canary releases with automatic rollback on an error-rate regression',
        priority: 'P1',
        kind: 'prevent',
      },
      { title: 'Add a test for the failing code path', priority: 'P2', kind: 'prevent' },
    ],
  },
  code_error: {
    factors: ['a code path failed on input or state that tests did not cover'],
    items: [
      { title: 'Add a test reproducing the failure', priority: 'P1', kind: 'prevent' },
      { title: 'Alert on new error signatures, not only on error rate', priority: 'P3', kind: 'detect' },
    ],
  },
  config_change: {
    factors: ['a configuration change took effect without validation against current load'],
    items: [
      {
        title: 'Validate configuration changes (limits, pool sizes) in CI and roll them out gradually',
        priority: 'P1',
        kind: 'prevent',
      },
      {
        title: 'Record config changes in the change stream the on-call sees',
        priority: 'P3',
        kind: 'detect',
      },
    ],
  },
  feature_flag: {
    factors: ['a flag rollout enabled an untested path for a share of traffic'],
    items: [
      {
        title: 'Roll flags out in steps with an automatic kill switch on error-rate regression',
        priority: 'P1',
        kind: 'mitigate',
      },
    ],
  },
  resource_cpu: {
    factors: ['CPU limits or replica counts left no headroom for the load'],
    items: [
      { title: 'Autoscale on CPU with headroom; alert at sustained 80% CPU', priority: 'P2', kind: 'detect' },
      { title: 'Profile the hot path', priority: 'P2', kind: 'prevent' },
    ],
  },
  resource_memory: {
    factors: ['memory grew until the container limit and the kernel killed it'],
    items: [
      { title: 'Find and fix the leak (heap profile across a few hours)', priority: 'P1', kind: 'prevent' },
      { title: 'Alert on memory growth rate before OOM kills', priority: 'P2', kind: 'detect' },
    ],
  },
  resource_disk: {
    factors: ['disk usage grew without an alert early enough to act'],
    items: [
      {
        title: 'Alert on predicted disk-full time (linear fit over 6 h), not only on a percentage',
        priority: 'P1',
        kind: 'detect',
      },
      {
        title: 'Cap what can fill the disk (retention, replication slots, temp files)',
        priority: 'P2',
        kind: 'prevent',
      },
    ],
  },
  connection_pool_exhaustion: {
    factors: ['requests held connections longer than the pool could absorb'],
    items: [
      {
        title: 'Alert on pool saturation (in use / max > 80%) before exhaustion',
        priority: 'P1',
        kind: 'detect',
      },
      {
        title: 'Set statement and acquire timeouts so stuck requests release connections',
        priority: 'P2',
        kind: 'mitigate',
      },
    ],
  },
  database: {
    factors: ['slow statements or lock waits backed queries up'],
    items: [
      { title: 'Alert on lock waits and long-running statements', priority: 'P2', kind: 'detect' },
      { title: 'Review the offending query and its indexes', priority: 'P1', kind: 'prevent' },
    ],
  },
  cache_failure: {
    factors: ['the database had no headroom for the reads the cache normally absorbs'],
    items: [
      { title: 'Alert on cache hit ratio and evictions', priority: 'P2', kind: 'detect' },
      {
        title:
          'Size the cache and its eviction policy for peak; protect the database with request coalescing',
        priority: 'P1',
        kind: 'mitigate',
      },
    ],
  },
  queue_backlog: {
    factors: ['consumers stalled and nothing bounded the retries'],
    items: [
      { title: 'Dead-letter messages after a bounded number of attempts', priority: 'P1', kind: 'mitigate' },
      { title: 'Alert on queue age, not only depth', priority: 'P2', kind: 'detect' },
    ],
  },
  network: {
    factors: ['latency or loss on one network path slowed every call across it'],
    items: [
      { title: 'Alert on per-edge call latency (caller → callee)', priority: 'P2', kind: 'detect' },
      {
        title: 'Set timeouts and retries with budgets on the affected calls',
        priority: 'P2',
        kind: 'mitigate',
      },
    ],
  },
  dependency_outage: {
    factors: ['callers had no fallback when the dependency went down'],
    items: [
      {
        title: 'Add circuit breakers and degraded responses for this dependency',
        priority: 'P1',
        kind: 'mitigate',
      },
      { title: 'Alert on crash loops (BackOff) directly', priority: 'P2', kind: 'detect' },
    ],
  },
  third_party_outage: {
    factors: ['a provider outside our control failed and we had no failover'],
    items: [
      { title: 'Add a secondary provider or a degraded mode', priority: 'P1', kind: 'mitigate' },
      { title: 'Subscribe to the provider status feed', priority: 'P3', kind: 'detect' },
    ],
  },
  traffic_surge: {
    factors: ['traffic grew faster than capacity could follow'],
    items: [
      { title: 'Rate-limit per client at the edge', priority: 'P1', kind: 'mitigate' },
      { title: 'Load-test at 3× peak; autoscale ahead of demand', priority: 'P2', kind: 'prevent' },
    ],
  },
  certificate_expiry: {
    factors: ['a certificate expired without renewal or an alert'],
    items: [
      { title: 'Alert 14 days before any certificate expires', priority: 'P1', kind: 'detect' },
      { title: 'Automate renewal and test it', priority: 'P1', kind: 'prevent' },
    ],
  },
  other: {
    factors: ['not established: the investigation found no known signature'],
    items: [
      { title: 'Establish the root cause and complete this postmortem', priority: 'P1', kind: 'prevent' },
    ],
  },
};
