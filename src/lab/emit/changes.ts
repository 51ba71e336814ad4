/**
 * The change stream: what a team ships in a day (deploys in working hours, config tweaks, flag
 * flips, autoscaler moves, the odd migration), red herrings close to the incident, and the
 * fault's own change. Ids and deploy versions are assigned in time order at the end.
 */
import type { Change } from '../../core/index.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../core/index.js';
import type { PlannedChange } from '../faults/fault.js';
import type { Random } from '../random.js';
import type { LabService, LabTopology } from '../topology.js';

const PEOPLE = [
  'alice.wong',
  'b.okafor',
  'chen.li',
  'dmitri.v',
  'eva.martins',
  'farah.n',
  'g.rossi',
  'hana.sato',
  'ci-bot',
];

const BENIGN_DIFFS = [
  'bump grpc-go from 1.62.1 to 1.63.2',
  'add structured field "tenant" to request logs',
  'fix typo in order confirmation email subject',
  'increase readiness probe initialDelaySeconds from 5 to 10',
  'refactor: extract address normalisation into its own module',
  'add metric for cache refresh duration',
  'upgrade base image to distroless/static:nonroot',
];

const BENIGN_CONFIGS = [
  ['LOG_LEVEL=info', 'LOG_LEVEL=debug'],
  ['HTTP_CLIENT_RETRIES=2', 'HTTP_CLIENT_RETRIES=3'],
  ['CACHE_TTL_SECONDS=300', 'CACHE_TTL_SECONDS=600'],
  ['FEATURE_AUDIT_LOG=false', 'FEATURE_AUDIT_LOG=true'],
  ['RATE_LIMIT_RPS=200', 'RATE_LIMIT_RPS=250'],
];

const BENIGN_FLAGS = [
  'dark-mode-banner',
  'new-checkout-copy',
  'search-synonyms',
  'recently-viewed-widget',
  'gift-wrap-option',
];

export interface ChangeStreamOptions {
  topology: LabTopology;
  rng: Random;
  start: number;
  end: number;
  incidentAt: number;
  /** Benign changes placed 2–30 minutes before the incident, on services other than `rootService`. */
  redHerrings: number;
  rootService: string;
  causing: PlannedChange | undefined;
  others: readonly PlannedChange[];
}

export interface ChangeStream {
  changes: Change[];
  causingId: string | undefined;
}

export function generateChanges(o: ChangeStreamOptions): ChangeStream {
  const { rng } = o;
  const planned: Array<PlannedChange & { causing?: boolean }> = [];
  const deployable = o.topology.services.filter((s) => s.kind === 'service');
  for (const s of deployable) {
    for (let day = Math.floor(o.start / DAY_MS); day * DAY_MS < o.end; day++) {
      const weekday = new Date(day * DAY_MS).getUTCDay();
      if (weekday === 0 || weekday === 6) continue;
      const deploys = rng.poisson(0.7);
      for (let k = 0; k < deploys; k++)
        planned.push(benignDeploy(rng, s, day * DAY_MS + rng.float(8.5, 18) * HOUR_MS));
      if (rng.chance(0.25)) planned.push(benignConfig(rng, s, day * DAY_MS + rng.float(9, 17) * HOUR_MS));
      if (s.role !== 'worker' && rng.chance(0.2))
        planned.push(benignFlag(rng, s, day * DAY_MS + rng.float(9, 17) * HOUR_MS));
    }
    if (s.replicas >= 3) {
      for (let day = Math.floor(o.start / DAY_MS); day * DAY_MS < o.end; day++) {
        planned.push(scale(s, day * DAY_MS + rng.float(7, 8.5) * HOUR_MS, s.replicas, s.replicas + 2));
        planned.push(scale(s, day * DAY_MS + rng.float(22, 23.5) * HOUR_MS, s.replicas + 2, s.replicas));
      }
    }
  }
  const database = o.topology.services.find((s) => s.role === 'database');
  if (database && rng.chance(0.3)) {
    planned.push({
      ts: rng.float(o.start, o.end),
      service: database.name,
      kind: 'migration',
      summary: 'add column orders.gift_message (nullable)',
      author: 'migrations-bot',
      diff: '+ALTER TABLE orders ADD COLUMN gift_message text;',
    });
  }
  const others = deployable.filter((s) => s.name !== o.rootService);
  for (let k = 0; k < o.redHerrings && others.length > 0; k++) {
    const s = rng.pick(others);
    const at = o.incidentAt - rng.float(2, 30) * MINUTE_MS;
    planned.push(rng.pick([benignDeploy, benignConfig, benignFlag])(rng, s, at));
  }
  planned.push(...o.others);
  if (o.causing) planned.push({ ...o.causing, causing: true });
  return assignIds(
    rng,
    o.topology,
    planned.filter((c) => c.ts >= o.start && c.ts < o.end),
  );
}

function benignDeploy(rng: Random, s: LabService, ts: number): PlannedChange {
  return {
    ts,
    service: s.name,
    kind: 'deploy',
    summary: 'release {version}',
    author: rng.pick(PEOPLE),
    diff: rng.pick(BENIGN_DIFFS),
  };
}

function benignConfig(rng: Random, s: LabService, ts: number): PlannedChange {
  const [before, after] = rng.pick(BENIGN_CONFIGS) as [string, string];
  return {
    ts,
    service: s.name,
    kind: 'config',
    summary: `update ${after.split('=')[0]} for ${s.name}`,
    author: rng.pick(PEOPLE),
    diff: `-${before}\n+${after}`,
  };
}

function benignFlag(rng: Random, s: LabService, ts: number): PlannedChange {
  const flag = rng.pick(BENIGN_FLAGS);
  const pct = rng.pick([5, 10, 25, 50, 100]);
  return {
    ts,
    service: s.name,
    kind: 'feature_flag',
    summary: `roll out ${flag} to ${pct}%`,
    author: rng.pick(PEOPLE),
    diff: `- ${flag}: off\n+ ${flag}: ${pct}%`,
  };
}

function scale(s: LabService, ts: number, from: number, to: number): PlannedChange {
  return {
    ts,
    service: s.name,
    kind: 'scale',
    summary: `HPA scaled ${s.name} from ${from} to ${to} replicas`,
    author: 'horizontal-pod-autoscaler',
  };
}

function assignIds(
  rng: Random,
  topology: LabTopology,
  planned: Array<PlannedChange & { causing?: boolean }>,
): ChangeStream {
  planned.sort((a, b) => a.ts - b.ts);
  const versions = new Map(
    topology.services.map((s) => [s.name, [rng.int(1, 4), rng.int(0, 30), rng.int(0, 9)]]),
  );
  let id = rng.int(1000, 8000);
  let causingId: string | undefined;
  const changes = planned.map(({ causing, ...c }) => {
    const change: Change = { id: `chg-${id++}`, ...c, ts: Math.floor(c.ts) };
    if (change.kind === 'deploy' && change.version === undefined) {
      const v = versions.get(change.service) ?? [1, 0, 0];
      if (rng.chance(0.3)) v.splice(1, 2, (v[1] ?? 0) + 1, 0);
      else v[2] = (v[2] ?? 0) + 1;
      change.version = v.join('.');
      change.summary = change.summary.replace('{version}', change.version);
      change.url = `https://git.example.internal/shop/${change.service}/releases/${change.version}`;
    }
    if (causing) causingId = change.id;
    return change;
  });
  return { changes, causingId };
}
