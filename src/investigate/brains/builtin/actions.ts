/**
 * Recommended actions, safest first: undo a known change, then restart, then scale, then change
 * configuration, then investigate. Each names the concrete command an engineer would run; none is
 * ever run by Nightshift, and each is marked as needing a human's approval. Commands use the
 * namespace from the alert's labels (`namespace`, else `default`), and the deployment named after
 * the service, the Kubernetes convention the lab and most charts follow.
 */
import type { Action, Change, RootCauseCategory } from '../../../core/index.js';
import { ACTION_KINDS } from '../../../core/index.js';

export interface ActionContext {
  service: string;
  namespace: string;
  change: Change | undefined;
}

type Plan = (c: ActionContext) => Omit<Action, 'requiresApproval'>[];

const kubectl = (c: ActionContext, rest: string) => `kubectl -n ${c.namespace} ${rest}`;
const restart = (c: ActionContext, why: string) => ({
  kind: 'restart' as const,
  title: `Restart ${c.service}`,
  command: kubectl(c, `rollout restart deployment/${c.service}`),
  rationale: why,
});
const scale = (c: ActionContext, service: string, why: string) => ({
  kind: 'scale' as const,
  title: `Scale out ${service}`,
  command: kubectl(c, `scale deployment/${service} --replicas=<current + 50%>`),
  rationale: why,
});
const look = (title: string, command: string, why: string) => ({
  kind: 'investigate' as const,
  title,
  command,
  rationale: why,
});
const logsOf = (c: ActionContext) =>
  look(
    `Read the logs of ${c.service}`,
    kubectl(c, `logs deployment/${c.service} --since=30m`),
    'see the errors first-hand',
  );

/** Undo the change behind the incident, by its kind. */
function undo(c: ActionContext): Omit<Action, 'requiresApproval'>[] {
  const change = c.change;
  if (!change) return [];
  const id = `${change.kind} ${change.id}`;
  if (change.kind === 'feature_flag') {
    return [
      {
        kind: 'rollback',
        title: `Turn off the flag changed by ${change.id}`,
        command: `# in your flag service: revert "${change.summary}"`,
        rationale: `${id} on ${change.service} around the onset; a flag is the fastest, safest undo`,
      },
    ];
  }
  return [
    {
      kind: 'rollback',
      title: `Roll back ${change.service} (${id})`,
      command:
        change.kind === 'deploy'
          ? kubectl(c, `rollout undo deployment/${change.service}`)
          : `# revert ${id}: ${change.summary}`,
      rationale: `${id} on ${change.service} around the onset: undoing it is the most reversible step`,
    },
  ];
}

const PLANS: Record<RootCauseCategory, Plan> = {
  bad_deploy: (c) => [...undo(c), logsOf(c)],
  config_change: (c) => [...undo(c), restart(c, 'picks the reverted configuration up')],
  feature_flag: (c) => [...undo(c), logsOf(c)],
  code_error: (c) => [
    ...undo(c),
    look(
      'Find the failing code path',
      kubectl(c, `logs deployment/${c.service} --since=30m | grep -i -m 50 error`),
      'no change explains it: the stack traces say where',
    ),
  ],
  resource_cpu: (c) => [
    scale(c, c.service, 'it is CPU-bound: more replicas share the load'),
    look(
      'See what burns CPU',
      kubectl(c, `top pods -l app=${c.service}`),
      'a hot loop or a heavy request type',
    ),
  ],
  resource_memory: (c) => [
    restart(c, 'frees the leaked memory for now; the leak will come back'),
    look(
      'Watch memory per pod',
      kubectl(c, `top pods -l app=${c.service}`),
      'confirm growth and find the leak',
    ),
  ],
  resource_disk: (c) => [
    look(
      'See what fills the disk',
      kubectl(c, `exec deploy/${c.service} -- df -h`),
      'free space safely (WAL, logs, temp files) before anything is written that must not be lost',
    ),
    {
      kind: 'config_change',
      title: `Grow ${c.service}'s volume`,
      command: kubectl(c, `edit pvc <${c.service}-data>  # raise spec.resources.requests.storage`),
      rationale: 'buys time if the space cannot be freed',
    },
  ],
  connection_pool_exhaustion: (c) => [
    restart(c, 'releases connections held by stuck requests'),
    {
      kind: 'config_change',
      title: `Raise ${c.service}'s pool size, if the database has room`,
      command: kubectl(c, `set env deployment/${c.service} DB_POOL_MAX=<larger>`),
      rationale: 'only after checking what holds the connections (slow queries, leaks)',
    },
  ],
  database: (c) => [
    look(
      'Find blocking and slow queries',
      kubectl(
        c,
        `exec deploy/${c.service} -- psql -c "select pid, wait_event_type, state, now() - query_start as age, left(query, 80) from pg_stat_activity where state <> 'idle' order by age desc limit 20"`,
      ),
      'lock waits and long statements show there',
    ),
    {
      kind: 'config_change',
      title: 'Cancel the blocking statement',
      command: kubectl(c, `exec deploy/${c.service} -- psql -c "select pg_cancel_backend(<pid>)"`),
      rationale: 'once the blocker is known; cancel before terminate',
    },
  ],
  cache_failure: (c) => [
    restart(c, 'if the cache is wedged; expect a colder cache for a while'),
    {
      kind: 'config_change',
      title: `Check ${c.service}'s memory limit and eviction policy`,
      command: kubectl(c, `exec deploy/${c.service} -- redis-cli info memory`),
      rationale: 'a full cache that cannot evict stops serving hits',
    },
  ],
  queue_backlog: (c) => [
    restart(c, 'unsticks consumers blocked on a message'),
    scale(c, c.service, 'drains the backlog faster once consumers work'),
    look(
      'Find the message that fails',
      kubectl(c, `logs deployment/${c.service} --since=30m | grep -i requeue`),
      'a poison message should go to a dead-letter queue',
    ),
  ],
  network: (c) => [
    {
      kind: 'restart',
      title: `Move ${c.service} off its node`,
      command: kubectl(c, `delete pod -l app=${c.service} --wait=false  # rescheduled elsewhere`),
      rationale: 'a bad node or link is the common cause of one service slowing on the wire',
    },
    look(
      'Check the path',
      kubectl(c, `get pods -l app=${c.service} -o wide`),
      'are the slow pods on one node?',
    ),
  ],
  dependency_outage: (c) => [
    restart(c, 'if it is crash-looping on a transient cause'),
    look(
      'Read why it crashed',
      kubectl(c, `logs deployment/${c.service} --previous`),
      'the last lines before the crash',
    ),
  ],
  third_party_outage: (c) => [
    {
      kind: 'config_change',
      title: `Fail over or degrade gracefully away from ${c.service}`,
      command: `# switch to the secondary provider or disable the feature that needs ${c.service}`,
      rationale: 'the provider is outside our control; limit the blast radius',
    },
    look(
      `Check ${c.service}'s status page`,
      '# open the provider status page and support channel',
      'confirm and get an ETA',
    ),
  ],
  traffic_surge: (c) => [
    scale(c, c.service, 'absorb the extra load at the entry and the services it saturates'),
    {
      kind: 'config_change',
      title: 'Rate-limit the heaviest clients',
      command: `# add a rate limit at ${c.service} for the top client IPs or keys`,
      rationale: 'if the surge is abusive (a scraper, a retry storm)',
    },
  ],
  certificate_expiry: (c) => [
    {
      kind: 'config_change',
      title: `Renew ${c.service}'s certificate`,
      command: `cmctl renew -n ${c.namespace} <${c.service}-tls>`,
      rationale: 'an expired certificate fails every TLS handshake until replaced',
    },
    look('See the certificate state', kubectl(c, 'get certificate'), 'why renewal did not happen'),
  ],
  other: (c) => [logsOf(c)],
};

export function recommendActions(category: RootCauseCategory, c: ActionContext): Action[] {
  const order = (kind: Action['kind']) => ACTION_KINDS.indexOf(kind);
  return PLANS[category](c)
    .map((a) => ({ ...a, requiresApproval: true as const }))
    .sort((a, b) => order(a.kind) - order(b.kind));
}
