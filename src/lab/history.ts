/**
 * Past incidents of a lab system, as its incident tracker would list them for the year before a
 * bundle (history.jsonl). Each category of the bundle spec gets a root service whose role can
 * actually fail that way (cache failures on the cache, disk on the database or broker, backlogs on
 * a worker) and 1–3 callers that really depend on it, so that an investigation that reads history
 * finds the same shapes of failure in the same places as the system's real weak points.
 */
import type { PastIncident, RootCauseCategory } from '../core/index.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../core/index.js';
import type { Random } from './random.js';
import type { LabService, LabTopology } from './topology.js';
import { callersOf, transitiveDependencies } from './topology.js';

export interface HistoryOptions {
  /** Epoch ms: every incident resolves before this. */
  before: number;
  /** How many incidents; 24 by default, about two a month. */
  count?: number;
}

interface Subject {
  root: LabService;
  /** Callers of the root that felt it, direct callers first; empty when nothing calls the root. */
  callers: LabService[];
  /** How many incidents of this category came before, plus a random offset: picks the variant. */
  nth: number;
  topology: LabTopology;
  rng: Random;
}

interface Story {
  title: string;
  rootCause: string;
  resolution: string;
}

interface Scenario {
  /** Whether a service can be the root of this kind of incident. */
  canBeRoot(service: LabService, callerCount: number): boolean;
  story(subject: Subject): Story;
}

type Category = Exclude<RootCauseCategory, 'other'>;

/** Relative frequency once every category has appeared (1 when absent): changes cause most incidents. */
const repeatWeight: Partial<Record<Category, number>> = {
  bad_deploy: 5,
  config_change: 3,
  code_error: 2,
  feature_flag: 2,
  connection_pool_exhaustion: 2,
};

/** Incidents that follow a change start in working hours, when changes ship. */
const changeDriven = new Set<Category>(['bad_deploy', 'config_change', 'feature_flag']);

const is =
  (...roles: LabService['role'][]) =>
  (s: LabService) =>
    roles.includes(s.role);

/** How a title names a service: the gateway by its job, others by name. */
function label(service: LabService): string {
  return service.role === 'edge' ? 'Gateway' : service.name.charAt(0).toUpperCase() + service.name.slice(1);
}

/** The caller that felt it first, preferring a business service; the root when nothing calls it. */
function felt({ root, callers }: Subject): LabService {
  return callers.find(isBusiness) ?? callers[0] ?? root;
}

function isBusiness(service: LabService): boolean {
  return service.role === 'app' || service.role === 'web' || service.role === 'worker';
}

/** A different variant for each repeat of a category, so a recurring failure reads as another incident. */
function choose<T>(s: Subject, variants: readonly T[]): T {
  return variants[s.nth % variants.length] as T;
}

/** `payments'`, `checkout's`. */
function own(name: string): string {
  return name.endsWith('s') ? `${name}'` : `${name}'s`;
}

function dependencyOf(root: LabService, rng: Random): string | undefined {
  return root.dependsOn.length > 0 ? rng.pick(root.dependsOn).service : undefined;
}

/** A dependency of the root that is not its database path, for stories about slow calls. */
function remoteCall({ root, topology, rng }: Subject): string | undefined {
  const remote = root.dependsOn.filter((d) => {
    const role = topology.services.find((x) => x.name === d.service)?.role;
    return role !== 'database' && role !== 'db-proxy';
  });
  return remote.length > 0 ? rng.pick(remote).service : undefined;
}

function versions(rng: Random): [bad: string, good: string] {
  const major = rng.int(1, 4);
  const minor = rng.int(3, 40);
  return [`${major}.${minor}.0`, `${major}.${minor - 1}.${rng.int(1, 9)}`];
}

const scenarios: Record<Category, Scenario> = {
  bad_deploy: {
    canBeRoot: is('app', 'web', 'worker'),
    story: (s) => {
      const [bad, good] = versions(s.rng);
      const fault = choose(s, [
        'added an N+1 query on the hot path, tripling database calls per request',
        'dropped a null check on an optional field, so older records threw',
        'changed a response field from a number to a string that callers still parsed as a number',
        'shipped an HTTP client without keep-alive, opening a new TLS session per call',
        'lowered its own request timeout to 300 ms in a refactor of the client settings',
      ]);
      const title =
        felt(s) === s.root
          ? `${label(s.root)} errors after release ${bad}`
          : `${label(felt(s))} 5xx after ${s.root.name} release ${bad}`;
      return {
        title,
        rootCause: `${s.root.name} ${bad} ${fault}`,
        resolution: `rolled back to ${good}; fix shipped in ${bad.slice(0, -1)}1 with a test covering it`,
      };
    },
  },
  code_error: {
    canBeRoot: is('app', 'worker'),
    story: (s) =>
      choose(s, [
        {
          title: `${label(s.root)} errors around midnight UTC`,
          rootCause: `a date-range query in ${s.root.name} used local time and returned an empty window across the day boundary`,
          resolution: 'switched the query to UTC boundaries and added a test at 23:59',
        },
        {
          title: `${label(s.root)} 500s on very large orders`,
          rootCause: `${s.root.name} built an IN clause past the driver's 65535-parameter limit for orders with thousands of lines`,
          resolution: 'batched the lookup in chunks of 500 and replayed the failed requests',
        },
        {
          title: `${label(felt(s))} intermittent errors from ${s.root.name}`,
          rootCause: `${s.root.name} refreshed a shared map without a lock, so concurrent requests read a half-built copy`,
          resolution: 'replaced the map with an atomic swap and added the race detector to CI',
        },
      ]),
  },
  config_change: {
    canBeRoot: is('edge', 'app', 'db-proxy', 'worker'),
    story: (s) => {
      const dep = dependencyOf(s.root, s.rng);
      if (s.root.role === 'db-proxy')
        return {
          title: `${label(felt(s))} saw wrong search_path after db-proxy config cleanup`,
          rootCause: `server_reset_query was removed from ${s.root.name}, so session settings leaked between ${felt(s).name} transactions`,
          resolution: 'restored server_reset_query = DISCARD ALL and added a config diff check in CI',
        };
      if (dep === undefined)
        return {
          title: `${label(felt(s))} 413s after ${s.root.name} config change`,
          rootCause: `${own(s.root.name)} request body limit was lowered from 1 MB to 64 kB in a config change, rejecting larger requests from ${felt(s).name}`,
          resolution: 'restored the 1 MB limit and added limits to the config review checklist',
        };
      if (s.root.role === 'edge')
        return {
          title: `${dep.charAt(0).toUpperCase()}${dep.slice(1)} 404s after gateway route change`,
          rootCause: `a route rewrite on ${s.root.name} stripped the /api prefix before forwarding to ${dep}`,
          resolution: 'reverted the route config and added a synthetic check per route',
        };
      return choose(s, [
        {
          title: `${label(felt(s))} timeouts after ${s.root.name} config change`,
          rootCause: `${own(s.root.name)} client timeout to ${dep} was set to 200 ms instead of 2000 ms in a config refactor`,
          resolution: 'restored the 2 s timeout and added unit validation to the config schema',
        },
        {
          title: `Retry storm from ${s.root.name} after config change`,
          rootCause: `${own(s.root.name)} retry count to ${dep} was raised from 2 to 10, turning a short blip in ${dep} into a retry storm`,
          resolution: 'set retries back to 2 with jittered backoff and added a retry budget',
        },
      ]);
    },
  },
  feature_flag: {
    canBeRoot: is('app', 'web'),
    story: (s) => {
      const flag = `${s.root.name}-${choose(s, ['v2-pricing', 'async-writes', 'new-serializer', 'batch-lookup'])}`;
      const percent = s.rng.pick([10, 25, 50, 100]);
      return {
        title: `${label(felt(s))} errors after enabling ${flag}`,
        rootCause: `flag ${flag} sent ${percent}% of ${s.root.name} traffic down a code path that had never run against production data`,
        resolution: `turned ${flag} off; re-enabled at 5% after the fix`,
      };
    },
  },
  resource_cpu: {
    canBeRoot: is('app', 'web', 'database'),
    story: (s) => {
      if (s.root.role === 'database')
        return choose(s, [
          {
            title: `${label(s.root)} CPU at 100% from unindexed report query`,
            rootCause: `a new report ran a sequential scan of orders on ${s.root.name} every minute, saturating its CPU and slowing ${felt(s).name}`,
            resolution: 'added an index on orders(created_at) and moved reporting to a replica',
          },
          {
            title: `${label(s.root)} CPU saturated by a bad query plan`,
            rootCause: `stale statistics after a bulk load made ${s.root.name} pick a nested loop for the order history query of ${felt(s).name}`,
            resolution:
              'ran ANALYZE, raised the statistics target on orders.user_id and added a plan regression check',
          },
        ]);
      const job =
        s.root.name === 'search'
          ? 'reindex'
          : choose(s, ['cache warm-up', 'nightly recompute', 'bulk export']);
      return {
        title: `${label(s.root)} latency during ${job}`,
        rootCause: `${s.root.name} ran the ${job} on its serving replicas, pinning CPU and throttling requests from ${felt(s).name}`,
        resolution: `moved the ${job} to a separate job and raised ${s.root.name} replicas from ${Math.max(1, s.root.replicas - 1)} to ${s.root.replicas}`,
      };
    },
  },
  resource_memory: {
    canBeRoot: is('app', 'web', 'worker'),
    story: (s) => {
      const limitMiB = Math.round(s.root.memoryLimitBytes / 2 ** 20);
      return {
        title: `${label(s.root)} OOMKilled under load`,
        rootCause: `${s.root.name} kept an unbounded in-process cache of ${choose(s, ['rendered responses', 'user sessions', 'price lookups'])} that outgrew its ${Math.round(limitMiB / 2)} MiB limit within hours`,
        resolution: `bounded the cache to 50k entries and raised the memory limit to ${limitMiB} MiB`,
      };
    },
  },
  resource_disk: {
    canBeRoot: is('database', 'queue'),
    story: (s) =>
      s.root.role === 'database'
        ? choose(s, [
            {
              title: `${label(s.root)} disk full from WAL retention`,
              rootCause: `an abandoned replication slot on ${s.root.name} kept WAL until the volume filled and writes from ${felt(s).name} failed`,
              resolution: 'dropped the slot, grew the volume by 50% and alerted on replication slot lag',
            },
            {
              title: `${label(s.root)} out of disk from temp files`,
              rootCause: `a runaway analytics query on ${s.root.name} spilled ${s.rng.int(80, 300)} GB of temp files and filled the data volume`,
              resolution: 'cancelled the query, set temp_file_limit to 20GB and moved analytics to a replica',
            },
          ])
        : {
            title: `${label(s.root)} blocked publishers on disk alarm`,
            rootCause: `dead-lettered messages piled up on ${s.root.name} until it hit its disk free limit and blocked publishes from ${felt(s).name}`,
            resolution: 'purged the dead-letter queue and set a max-length policy on it',
          },
  },
  connection_pool_exhaustion: {
    canBeRoot: (svc, callerCount) =>
      svc.role === 'db-proxy' || (svc.poolMax !== undefined && callerCount > 0),
    story: (s) => {
      // The fix is what the topology runs today: the pool was half its current size.
      const now = s.root.poolMax ?? 40;
      const pool = Math.max(5, Math.round(now / 2));
      if (s.root.role === 'db-proxy')
        return {
          title: `${label(felt(s))} errors: db-proxy pool exhausted`,
          rootCause: choose(s, [
            `long-running report transactions held ${own(s.root.name)} server connections, leaving ${felt(s).name} waiting for a slot`,
            `a deploy of ${felt(s).name} doubled its replicas and their connections overran ${own(s.root.name)} pool`,
          ]),
          resolution: `raised default_pool_size from ${pool} to ${now} and moved reports to their own pool`,
        };
      const call = remoteCall(s);
      return {
        title: `${label(felt(s))} timeouts: ${s.root.name} connection pool exhausted`,
        rootCause: call
          ? `${s.root.name} held database connections across its call to ${call}, so its pool of ${pool} ran dry at peak`
          : `${s.root.name} opened a transaction per request and held it while serialising large responses, so its pool of ${pool} ran dry at peak`,
        resolution: `raised pool max from ${pool} to ${now} and added an alert on pool wait`,
      };
    },
  },
  database: {
    canBeRoot: is('database'),
    story: (s) => {
      const table = s.rng.pick(['orders', 'payments', 'users', 'inventory']);
      return choose(s, [
        {
          title: `Lock contention on ${table} during migration`,
          rootCause: `a migration took an ACCESS EXCLUSIVE lock on ${table} in ${s.root.name} at peak, queueing writes from ${felt(s).name}`,
          resolution: 'cancelled the migration and reran it with lock_timeout and CREATE INDEX CONCURRENTLY',
        },
        {
          title: `${label(felt(s))} slow queries from ${table} bloat`,
          rootCause: `autovacuum on ${s.root.name} fell behind on ${table}, and the bloated table pushed ${felt(s).name} queries to seconds`,
          resolution: `ran VACUUM on ${table} and set autovacuum_vacuum_scale_factor to 0.02 for it`,
        },
      ]);
    },
  },
  cache_failure: {
    canBeRoot: is('cache'),
    story: (s) =>
      choose(s, [
        {
          title: `${label(s.root)} evictions slowed ${felt(s).name}`,
          rootCause: `${s.root.name} reached maxmemory and evicted hot ${felt(s).name} keys, sending every miss to the database`,
          resolution: `raised maxmemory on ${s.root.name} and moved sessions to a separate instance`,
        },
        {
          title: `${label(felt(s))} errors after ${s.root.name} restart`,
          rootCause: `${s.root.name} restarted during a node drain and ${felt(s).name} kept stale connections for minutes`,
          resolution: 'enabled client reconnect with backoff and a PodDisruptionBudget for the cache',
        },
      ]),
  },
  queue_backlog: {
    canBeRoot: is('worker'),
    story: (s) =>
      choose(s, [
        {
          title: `${label(s.root)} fell behind, queue backlog`,
          rootCause: `${s.root.name} lost its prefetch setting in a library upgrade and acked one message at a time, so the queue grew to ${s.rng.int(40, 400)}k messages`,
          resolution: `restored prefetch 50 and scaled ${s.root.name} to ${s.root.replicas * 3} replicas until the queue drained`,
        },
        {
          title: `${label(s.root)} stuck on a poison message`,
          rootCause: `a malformed message made ${s.root.name} crash and requeue it forever, so nothing behind it was consumed`,
          resolution: 'moved the message to the dead-letter queue and capped redeliveries at 5',
        },
      ]),
  },
  network: {
    canBeRoot: is('db-proxy', 'database', 'cache', 'queue'),
    story: (s) =>
      choose(s, [
        {
          title: `Packet loss to ${s.root.name} from zone b`,
          rootCause: `a faulty switch in zone b dropped packets to ${s.root.name}, causing retries and timeouts in ${felt(s).name}`,
          resolution: `provider replaced the switch; ${s.root.name} replicas now spread across zones`,
        },
        {
          title: `DNS timeouts resolving ${s.root.name}`,
          rootCause: `CoreDNS pods were CPU-throttled and lookups of ${s.root.name} from ${felt(s).name} timed out after 5 s`,
          resolution: 'scaled CoreDNS and enabled NodeLocal DNSCache',
        },
      ]),
  },
  dependency_outage: {
    canBeRoot: (svc, callerCount) => (svc.role === 'app' || svc.role === 'queue') && callerCount > 0,
    story: (s) =>
      choose(s, [
        {
          title: `${label(felt(s))} errors while ${s.root.name} was down`,
          rootCause: `all ${s.root.name} pods were evicted at once during a node pool upgrade, and ${felt(s).name} had no fallback`,
          resolution: `added a PodDisruptionBudget for ${s.root.name} and a degraded mode in ${felt(s).name}`,
        },
        {
          title: `${label(s.root)} unavailable after secret rotation`,
          rootCause: `${s.root.name} kept the old credentials after a secret rotation and failed readiness, so calls from ${felt(s).name} failed until it was restarted`,
          resolution: `restarted ${s.root.name} and made it reload credentials on change`,
        },
      ]),
  },
  third_party_outage: {
    canBeRoot: is('external'),
    story: (s) =>
      choose(s, [
        {
          title: `${label(felt(s))} failures during ${s.root.name} outage`,
          rootCause: `${s.root.name} returned 502s and timeouts in its EU region, and ${felt(s).name} retried without a circuit breaker`,
          resolution: `waited out the ${s.root.name} incident; added a circuit breaker and an alert on their status page`,
        },
        {
          title: `${label(s.root)} rate-limited ${felt(s).name}`,
          rootCause: `${s.root.name} throttled our account after a batch job shared ${own(felt(s).name)} API key`,
          resolution: 'gave the batch job its own key and asked the provider to raise the limit',
        },
      ]),
  },
  traffic_surge: {
    canBeRoot: (svc, callerCount) => (svc.role === 'app' || svc.role === 'web') && callerCount > 0,
    story: (s) => {
      const cause = choose(s, ['a TV ad slot', 'the Black Friday newsletter', 'a scraping bot']);
      return {
        title: `${label(s.root)} overload from ${cause}`,
        rootCause: `${cause} drove ${s.rng.int(4, 9)}x normal traffic to ${s.root.name}, beyond what its ${s.root.replicas} replicas could serve`,
        resolution: `scaled ${s.root.name} to ${s.root.replicas * 3} replicas, added autoscaling on CPU and a bot rule at the gateway`,
      };
    },
  },
  certificate_expiry: {
    canBeRoot: is('edge', 'db-proxy', 'database', 'queue'),
    story: (s) => ({
      title:
        s.root.role === 'edge'
          ? 'Gateway TLS certificate expired'
          : `${label(felt(s))} TLS failures: ${s.root.name} certificate expired`,
      rootCause: choose(s, [
        `the TLS certificate of ${s.root.name} expired; its renewal job had been failing silently for weeks`,
        `the certificate of ${s.root.name} had been issued by hand a year earlier and nobody owned its renewal`,
        `${s.root.name} renewed its certificate but kept serving the old one until a restart`,
      ]),
      resolution: 'renewed the certificate and added a cert-manager expiry alert',
    }),
  },
};

/** Every service that calls `root`, directly or through others: direct ones, then the rest. */
function callersByRoot(topology: LabTopology): Map<string, [direct: LabService[], indirect: LabService[]]> {
  const reach = new Map(topology.services.map((s) => [s.name, transitiveDependencies(topology, s.name)]));
  return new Map(
    topology.services.map((root) => {
      const direct = callersOf(topology, root.name);
      const indirect = topology.services.filter(
        (s) => !direct.includes(s) && reach.get(s.name)?.has(root.name) === true,
      );
      return [root.name, [direct, indirect]];
    }),
  );
}

/**
 * The first `n` callers, plus a business service when none is among them (at most three in all): a
 * database incident is remembered by the service whose users noticed, not by the proxy in between.
 */
function pickAffected(callers: LabService[], n: number): LabService[] {
  const picked = callers.slice(0, n);
  const business = callers.find(isBusiness);
  if (business && !picked.some(isBusiness)) picked.splice(Math.min(picked.length, 2), 1, business);
  return picked;
}

/**
 * Generates a deterministic, time-sorted history: every applicable category once (in random order)
 * before any repeats, then repeats weighted towards change-driven incidents, which dominate
 * postmortem databases. Durations are log-normal around an hour, clamped to 10 min–6 h.
 */
export function generateHistory(topology: LabTopology, rng: Random, options: HistoryOptions): PastIncident[] {
  const count = options.count ?? 24;
  const callers = callersByRoot(topology);
  const callerCount = new Map(
    [...callers].map(([name, [direct, indirect]]) => [name, direct.length + indirect.length]),
  );
  const applicable = (Object.keys(scenarios) as Category[]).filter((c) =>
    topology.services.some((s) => scenarios[c].canBeRoot(s, callerCount.get(s.name) ?? 0)),
  );
  if (applicable.length === 0 || count <= 0) return [];
  const categories = rng.shuffle(applicable).slice(0, count);
  const weights = applicable.map((c) => repeatWeight[c] ?? 1);
  while (categories.length < count) categories.push(rng.weighted(applicable, weights));

  const lastDay = Math.floor(options.before / DAY_MS) * DAY_MS - 2 * DAY_MS;
  const drafts = rng.shuffle(categories).map((category) => {
    const hour = changeDriven.has(category) ? rng.int(9, 16) : rng.int(0, 23);
    const startedAt = lastDay - rng.int(0, 362) * DAY_MS + hour * HOUR_MS + rng.int(0, 59) * MINUTE_MS;
    return { category, startedAt };
  });
  drafts.sort((a, b) => a.startedAt - b.startedAt);

  const rootUses = new Map<string, number>();
  const seen = new Map(applicable.map((c) => [c, rng.int(0, 9)]));
  let number = rng.int(200, 900);
  return drafts.map(({ category, startedAt }) => {
    const scenario = scenarios[category];
    const candidates = topology.services.filter((s) => scenario.canBeRoot(s, callerCount.get(s.name) ?? 0));
    const fewestUses = Math.min(...candidates.map((s) => rootUses.get(s.name) ?? 0));
    const root = rng.pick(candidates.filter((s) => (rootUses.get(s.name) ?? 0) === fewestUses));
    rootUses.set(root.name, fewestUses + 1);
    const [direct, indirect] = callers.get(root.name) ?? [[], []];
    const affected = pickAffected([...rng.shuffle(direct), ...rng.shuffle(indirect)], rng.int(1, 3));
    const nth = seen.get(category) ?? 0;
    seen.set(category, nth + 1);
    const story = scenario.story({ root, callers: affected, nth, topology, rng });
    const durationMin = Math.round(Math.min(360, Math.max(10, rng.logNormal(60, 0.75))));
    number += rng.int(3, 40);
    return {
      id: `INC-${number}`,
      title: story.title,
      startedAt,
      resolvedAt: startedAt + durationMin * MINUTE_MS,
      services: [root.name, ...affected.map((c) => c.name)],
      category,
      rootCause: story.rootCause,
      resolution: story.resolution,
    };
  });
}
