/**
 * Procedurally generated lab systems (`gen-<seed>`): 6–60 services whose shape, names and numbers
 * all come from the seed, so the analyst is measured on systems built unlike the two hand-made
 * ones. The shape follows what production fleets have in common: an edge proxy (sometimes two
 * tiers), web and app services calling each other synchronously in a DAG, caches in front of the
 * stores their apps also query, databases sometimes shared and sometimes behind a connection
 * proxy, queues drained by workers, and third-party providers including an identity provider.
 * Numbers are sized for a healthy baseline (see `procedural-sizing.ts`).
 */
import { NightshiftError } from '../../core/index.js';
import { Random } from '../random.js';
import type { LabDependency, LabRole, LabTopology } from '../topology.js';
import { NameDrawer, NOUNS, shuffled, TEAMS } from './procedural-names.js';
import { type Draft, EXTERNAL_KINDS, type ExternalKind, sizeDrafts } from './procedural-sizing.js';

/** Smallest and largest generated systems, in services. */
export const GENERATED_SIZE = { min: 6, max: 60 } as const;

/** Counts per role for a system of `size` services; the web and app services take what is left. */
function planCounts(size: number, rng: Random) {
  const externals = size >= 7 ? Math.min(5, Math.max(2, Math.round(size * 0.09))) : 1;
  const databases = Math.min(5, Math.max(1, Math.round(size * 0.07)));
  const caches = size >= 8 ? Math.min(4, Math.max(1, Math.round(size * 0.05))) : 0;
  const queues = size >= 9 ? Math.min(3, Math.max(1, Math.round(size * 0.04))) : 0;
  const proxies = size >= 12 ? Array.from({ length: databases }, () => rng.chance(0.4)) : [];
  const edges = size >= 14 && rng.chance(0.35) ? 2 : 1;
  const fixed = externals + databases + caches + 2 * queues + proxies.filter(Boolean).length + edges;
  const rest = size - fixed;
  const webs = rest >= 10 ? rng.int(1, 3) : 1;
  return { externals, databases, caches, queues, proxies, edges, webs, apps: rest - webs };
}

/**
 * The system `gen-<seed>` names: deterministic for the seed, different across seeds in size (6–60
 * services), shape, names and numbers. Throws NightshiftError BAD_INPUT for a seed that is not a
 * whole number >= 0.
 */
export function generateTopology(seed: number): LabTopology {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new NightshiftError(
      'BAD_INPUT',
      `generated topology seed must be a whole number >= 0, got ${seed}`,
      {
        hint: 'Name a generated topology gen-<seed>, e.g. gen-12.',
      },
    );
  }
  const rng = new Random(`generated-topology/${seed}`);
  const size = rng.int(GENERATED_SIZE.min, GENERATED_SIZE.max);
  const shape = rng.fork('shape');
  const names = new NameDrawer(rng.fork('names'), rng.float(0, 0.5));
  const teams = shuffled(rng.fork('teams'), TEAMS).slice(0, 2 + Math.ceil(size / 10));
  const infraTeam = teams[0] as string;
  const nouns = shuffled(rng.fork('nouns'), NOUNS);
  const counts = planCounts(size, shape);
  const drafts: Draft[] = [];
  const add = (role: LabRole, fields: Partial<Draft> = {}): Draft => {
    const d: Draft = {
      name: names.next(),
      role,
      team: role === 'app' || role === 'web' || role === 'worker' ? shape.pick(teams) : infraTeam,
      dependsOn: [],
      layer: 0,
      noun: nouns[drafts.length % nouns.length] as string,
      ...fields,
    };
    drafts.push(d);
    return d;
  };
  const link = (from: Draft, to: Draft, callsPerRequest: number, soft = false) => {
    if (from === to || from.dependsOn.some((d) => d.service === to.name)) return;
    const dep: LabDependency = { service: to.name, callsPerRequest: round2(callsPerRequest) };
    if (soft) dep.soft = true;
    from.dependsOn.push(dep);
  };

  // Entry tiers, then the synchronous web and app services in layers: an app only calls deeper layers.
  const edgeTiers = Array.from({ length: counts.edges }, () => add('edge'));
  const webs = Array.from({ length: counts.webs }, () => add('web'));
  const layers = Math.min(counts.apps, shape.int(1, 4));
  const apps = Array.from({ length: counts.apps }, (_, k) =>
    add('app', { layer: k < layers ? k + 1 : shape.int(1, layers) }),
  );
  const inLayer = (k: number) => apps.filter((a) => a.layer === k);
  for (const w of webs) {
    for (const a of shuffled(shape, inLayer(1)).slice(0, shape.int(1, 3))) link(w, a, shape.float(0.3, 1.2));
  }
  for (let k = 2; k <= layers; k++) {
    const callers = [...webs, ...apps.filter((a) => a.layer < k)];
    const direct = inLayer(k - 1);
    for (const a of inLayer(k)) {
      // The least-burdened caller: the simulator adds call latencies in series, so a wide fan-out
      // would make one service slow at baseline where real code would call in parallel.
      link(leastCalling(shape, direct), a, shape.float(0.3, 1));
      if (shape.chance(0.35)) link(shape.pick(callers), a, shape.float(0.2, 0.8));
    }
  }
  const called = (d: Draft) => drafts.some((x) => x.dependsOn.some((y) => y.service === d.name));
  const publicApps = inLayer(1).filter((a) => !called(a) || shape.chance(0.25));
  const routes = [...webs, ...publicApps];
  const weights = routes.map((r) => (r.role === 'web' ? shape.float(2, 4) : shape.float(0.5, 1.5)));
  const total = weights.reduce((a, b) => a + b, 0);
  const inner = edgeTiers[edgeTiers.length - 1] as Draft;
  routes.forEach((r, k) => {
    link(inner, r, (weights[k] ?? 1) / total);
  });
  if (edgeTiers.length === 2) link(edgeTiers[0] as Draft, inner, 1);

  // Stores: each database has an owner, sometimes shares it, sometimes sits behind a proxy.
  const withDb: Draft[] = [];
  for (let k = 0; k < counts.databases; k++) {
    const db = add('database');
    const proxy = counts.proxies[k] ? add('db-proxy') : undefined;
    if (proxy) link(proxy, db, 1);
    const free = apps.filter((a) => !withDb.includes(a));
    const owners = [shape.pick(free.length > 0 ? free : apps)];
    if (shape.chance(0.35)) owners.push(...shuffled(shape, apps).slice(0, shape.int(1, 2)));
    for (const o of owners) {
      link(o, proxy ?? db, shape.float(0.5, 2.5));
      if (!withDb.includes(o)) withDb.push(o);
    }
  }
  // A cache sits in front of a store: its app falls back to the store on a miss, so it is soft.
  for (let k = 0; k < counts.caches; k++) {
    const cache = add('cache');
    const users = shuffled(shape, withDb).slice(0, shape.int(1, 2));
    for (const u of users) link(u, cache, shape.float(0.8, 2), true);
    if (shape.chance(0.3) && webs.length > 0) link(shape.pick(webs), cache, shape.float(0.5, 1.5), true);
  }
  // Queues with one consumer each: a second consumer of the same queue would hide its backlog.
  const workers: Draft[] = [];
  for (let k = 0; k < counts.queues; k++) {
    const queue = add('queue');
    const worker = add('worker', { noun: queue.noun });
    workers.push(worker);
    for (const p of shuffled(shape, apps).slice(0, shape.int(1, 2))) link(p, queue, shape.float(0.2, 1));
    link(worker, queue, 1);
    // A worker writes where the apps write: through the proxy when the database has one.
    const behindProxy = new Set(
      drafts.filter((d) => d.role === 'db-proxy').flatMap((d) => d.dependsOn.map((x) => x.service)),
    );
    const stores = drafts.filter(
      (d) => d.role === 'db-proxy' || (d.role === 'database' && !behindProxy.has(d.name)),
    );
    if (shape.chance(0.65)) link(worker, shape.pick(stores), shape.float(1, 3));
    if (shape.chance(0.3)) link(worker, shape.pick(apps), shape.float(0.3, 1), true);
  }
  addExternals(counts.externals, { shape, add, link, apps, webs, workers, withDb });
  return sizeDrafts(drafts, {
    rng: rng.fork('numbers'),
    name: `sys-${rng.fork('id').hex(4)}`,
    entry: (edgeTiers[0] as Draft).name,
    description: describe(drafts, edgeTiers.length, layers),
    grpc: shape.chance(0.35),
  });
}

interface Builders {
  shape: Random;
  add: (role: LabRole, fields?: Partial<Draft>) => Draft;
  link: (from: Draft, to: Draft, calls: number, soft?: boolean) => void;
  apps: Draft[];
  webs: Draft[];
  workers: Draft[];
  withDb: Draft[];
}

/**
 * Third parties: an identity provider called by an app (token checks on a share of requests) when
 * there are two or more externals, then payments, email, maps and the like. Asynchronous kinds
 * (email, SMS) prefer a worker as their caller, as real systems send mail from a job.
 */
function addExternals(count: number, b: Builders): void {
  const kinds: ExternalKind[] = count >= 2 || b.shape.chance(0.5) ? ['identity'] : [];
  for (const k of shuffled(
    b.shape,
    EXTERNAL_KINDS.filter((x) => x !== 'identity'),
  )) {
    if (kinds.length >= count) break;
    kinds.push(k);
  }
  for (const kind of kinds) {
    const ext = b.add('external', { external: kind });
    const async = kind === 'email' || kind === 'sms';
    if (async && b.workers.length > 0) {
      b.link(b.shape.pick(b.workers), ext, b.shape.float(0.8, 1.2));
      continue;
    }
    const pool = kind === 'identity' ? [...b.apps, ...b.webs] : b.withDb.length > 0 ? b.withDb : b.apps;
    const callers = shuffled(b.shape, pool).slice(0, kind === 'identity' ? b.shape.int(1, 2) : 1);
    for (const c of callers) {
      const calls = kind === 'identity' ? b.shape.float(0.1, 0.5) : b.shape.float(0.3, 1);
      b.link(c, ext, calls, kind === 'maps' && b.shape.chance(0.5));
    }
  }
}

function describe(drafts: Draft[], edgeTiers: number, layers: number): string {
  const n = (role: LabRole) => drafts.filter((d) => d.role === role).length;
  return `generated system of ${drafts.length} services: ${edgeTiers} edge tier(s), ${n('web')} web, ${n('app')} app in ${layers} layer(s), ${n('database')} database(s), ${n('db-proxy')} db proxy(ies), ${n('cache')} cache(s), ${n('queue')} queue(s) with workers, ${n('external')} external provider(s)`;
}

function leastCalling(rng: Random, drafts: Draft[]): Draft {
  const fewest = Math.min(...drafts.map((d) => d.dependsOn.length));
  return rng.pick(drafts.filter((d) => d.dependsOn.length === fewest));
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
