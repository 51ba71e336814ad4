/**
 * What counts as identifying data, and what its pseudonym looks like. Two tables, like patterns.ts:
 * `FIELD_KINDS` says which field names hold an identifier (in JSON, span attributes, series labels
 * and `name=value` pairs in log lines), and `TEXT_RULES` which textual forms are identifiers wherever
 * they appear (IPs, emails, URL hosts, FQDNs with a known suffix, Kubernetes pod names).
 *
 * Left alone on purpose: numbers in general, timestamps, durations, log levels, metric names and
 * paths (they carry no identity), and UUID / hex trace and span ids: they are random per request,
 * so they identify nothing outside the system that minted them, and an eval needs them to join
 * logs to spans.
 */
import { isIPv6 } from 'node:net';

export const PSEUDONYM_KINDS = [
  'host',
  'url_host',
  'ipv4',
  'ipv6',
  'email',
  'user_id',
  'account_id',
  'tenant_id',
  'namespace',
  'pod',
  'name',
] as const;
export type PseudonymKind = (typeof PSEUDONYM_KINDS)[number];

/** Kinds replaced by an opaque id that keeps its shape (`u-4821` → `u-1001`). */
export type IdKind = 'user_id' | 'account_id' | 'tenant_id';

/**
 * Field names (compared lower-case) whose value is an identifier of a kind. IP and email fields are
 * absent: their values are found by form, so a field and a log line agree without a second rule.
 */
export const FIELD_KINDS: Readonly<Record<string, PseudonymKind>> = {
  host: 'host',
  hostname: 'host',
  host_name: 'host',
  'host.name': 'host',
  'host.hostname': 'host',
  'server.address': 'host',
  'net.host.name': 'host',
  'net.peer.name': 'host',
  'k8s.node.name': 'host',
  node: 'host',
  node_name: 'host',
  user: 'user_id',
  user_id: 'user_id',
  userid: 'user_id',
  username: 'user_id',
  'user.id': 'user_id',
  'user.name': 'user_id',
  'enduser.id': 'user_id',
  customer_id: 'user_id',
  'customer.id': 'user_id',
  account: 'account_id',
  account_id: 'account_id',
  accountid: 'account_id',
  'account.id': 'account_id',
  'cloud.account.id': 'account_id',
  org_id: 'account_id',
  organization_id: 'account_id',
  tenant: 'tenant_id',
  tenant_id: 'tenant_id',
  tenantid: 'tenant_id',
  'tenant.id': 'tenant_id',
  'x-scope-orgid': 'tenant_id',
  namespace: 'namespace',
  'k8s.namespace.name': 'namespace',
  'kubernetes.namespace': 'namespace',
  k8s_namespace: 'namespace',
  pod: 'pod',
  pod_name: 'pod',
  'k8s.pod.name': 'pod',
  'kubernetes.pod_name': 'pod',
};

/** Default prefix of an id pseudonym when the original has none (`alice` → `user-101`). */
export const ID_PREFIX: Readonly<Record<IdKind, string>> = {
  user_id: 'user-',
  account_id: 'acct-',
  tenant_id: 'tenant-',
};

/** Namespaces every cluster has: naming them identifies nobody. */
export const SHARED_NAMESPACES = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);

/**
 * Public suffixes seen in production hosts, and the private ones clusters and clouds use. A dotted
 * word must end in one to be a host, so `PriceService.java`, `http.server.duration` and
 * `k8s.pod.name` are never hosts.
 */
const HOST_SUFFIXES = [
  'com',
  'net',
  'org',
  'io',
  'co',
  'uk',
  'de',
  'fr',
  'eu',
  'us',
  'info',
  'biz',
  'cloud',
  'internal',
  'local',
  'lan',
  'corp',
  'intra',
  'svc',
];
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';

/** `a.b.com`: two labels and more ending in a known suffix, not inside a longer dotted name or an email. */
export const FQDN = new RegExp(
  `(?<![\\w.@-])(?:${LABEL}\\.)+(?:${HOST_SUFFIXES.join('|')})(?![\\w-]|\\.[A-Za-z0-9])`,
  'gi',
);

/** The host of `scheme://[user[:password]@]host` (not the user before `@`); IP hosts are left to the IP rules. */
export const URL_HOST =
  /(?<=\b[A-Za-z][A-Za-z0-9+.-]*:\/\/(?:[^\s/@?#]*@)?)[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?![^\s/?#]*@)/g;

export const EMAIL = /(?<![\w.+-])[A-Za-z0-9._%+-]+@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?![\w-])/g;

/** Four octets, not part of a version (`Chrome/120.0.0.0`, `1.2.3.4.5`); checked ≤ 255 on use. */
export const IPV4 = /(?<![\w./])(?:\d{1,3}\.){3}\d{1,3}(?![\w.]|\.\d)/g;

/** A run of hex and colons with two colons at least; `net.isIPv6` decides, so `14:05:06` stays. */
export const IPV6_CANDIDATE = /(?<![\w:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\w:])/g;

/**
 * A pod of a Deployment: `<deployment>-<replicaset hash>-<5 chars>`. The hash must hold a digit
 * (Kubernetes' hashes almost always do), which keeps words like `free-shipping-banner` out.
 */
export const POD = /(?<![\w.-])([a-z][a-z0-9-]*?)-([a-z0-9]*\d[a-z0-9]*)-([a-z0-9]{5})(?![\w.-])/g;

/** A pod name in a field: deployment (RS hash, suffix), StatefulSet ordinal or a bare suffix. */
export const POD_PARTS =
  /^(?<base>[a-z0-9][a-z0-9.-]*?)-(?:(?<rs>[a-z0-9]{6,10})-)?(?<suffix>[a-z0-9]{5}|\d{1,4})$/;

/**
 * `user=u-4821`, `"tenant_id": "t-9"`, `X-Scope-OrgID: tenant-1`: a field-table name, then its value.
 * In text an id must hold a digit (see isTextId): `user=app database=shop` names a database role.
 */
export const ASSIGNED = new RegExp(
  `(?<![\\w.-])(?<name>${Object.keys(FIELD_KINDS)
    .map((k) => k.replace(/[.]/g, '\\.'))
    .join('|')})(?<sep>\\\\?["']?\\s*[=:]\\s*\\\\?["']?)(?<value>[A-Za-z0-9][A-Za-z0-9_.@-]*[A-Za-z0-9])`,
  'gi',
);

/**
 * A namespace given to a Kubernetes CLI: `--namespace orders-prod` or `--namespace=orders-prod`
 * anywhere, and `-n orders-prod` after `kubectl`, `helm` or `oc` on the same line (elsewhere `-n`
 * is a count: `head -n 20`). The name must hold a letter, so `-n 20` stays. The look back for
 * the CLI runs only where `-n` stands: before it, it ran at every position and scanned back to the
 * line start each time, quadratic on a long line (an evidence file is one 40 MB line).
 */
export const NAMESPACE_FLAG =
  /(?<![\w-])(?<flag>--namespace|-n(?<=\b(?:kubectl|helm|oc)\b[^\n]*?-n))(?<sep>=|\s+)(?<value>(?=[a-z0-9-]*[a-z])[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?![\w.-])/g;

/**
 * Prose: `for user u-4821`, `tenant 48213`. The id needs a digit (`user admin` stays) and bare
 * numbers four digits (`user 3 of 5` stays); a path (`GET /account 200`) is no prose.
 */
export const PROSE_ID =
  /(?<![\w./-])(?<name>user|account|tenant)(?<sep>\s+)(?<value>[A-Za-z_-]+\d[A-Za-z0-9_-]*|\d{4,})(?![\w-])/gi;

/**
 * Whether a value after a field name in a log line is worth replacing. Prose and roles look the
 * same as ids there, so an id must hold a digit (`user=app`, `user=reporting` are database roles)
 * and a host a digit, dot or hyphen (`Host: commands` is Redis's warning text, `host=web-01` a host).
 */
export function isTextValue(kind: PseudonymKind, value: string): boolean {
  if (kind === 'user_id' || kind === 'account_id' || kind === 'tenant_id') return /\d/.test(value);
  if (kind === 'host') return /[\d.-]/.test(value);
  return true;
}

/** Hosts under names reserved for documentation and tests (RFC 2606, 6761): they identify nobody. */
export function isReservedHost(host: string): boolean {
  const h = host.toLowerCase();
  return (
    h === 'localhost' ||
    /(?:^|\.)example\.(?:com|org|net|internal)$/.test(h) ||
    /\.(?:example|test|invalid|localhost)$/.test(h)
  );
}

/** Loopback, unspecified, broadcast and the ranges pseudonyms are drawn from (idempotence). */
export function isReservedIpv4(ip: string): boolean {
  const o = ip.split('.').map(Number);
  if (o.some((n) => n > 255)) return true;
  const [a, b, c] = o;
  return (
    a === 127 ||
    ip === '0.0.0.0' ||
    ip === '255.255.255.255' ||
    (a === 192 && b === 0 && c === 2) ||
    (a === 198 && b === 51 && c === 100) ||
    (a === 203 && b === 0 && c === 113) ||
    (a === 198 && (b === 18 || b === 19))
  );
}

/** True when an IPv6 candidate is not an address to replace: not an address, loopback, unspecified or 2001:db8::/32. */
export function isReservedIpv6(ip: string): boolean {
  const h = ip.toLowerCase();
  return !/\d/.test(h) || !isIPv6(h) || h === '::1' || h === '::' || /^2001:db8:/.test(h);
}
