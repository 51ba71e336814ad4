/**
 * Consistent pseudonyms for identifying data, so a production interaction can become a committed
 * eval case: the same host is the same token in every log line, span attribute and label of one
 * anonymiser, distinct values get distinct tokens, and secrets become `[REDACTED:<kind>]` first.
 * Pure: state lives in the anonymiser returned, never in the module.
 */
import { isIPv6 } from 'node:net';
import { REDACTION_KINDS, type RedactionKind, redactionMarker } from './patterns.js';
import {
  ASSIGNED,
  EMAIL,
  FIELD_KINDS,
  FQDN,
  type IdKind,
  IPV4,
  IPV6_CANDIDATE,
  isReservedHost,
  isReservedIpv4,
  isReservedIpv6,
  isTextValue,
  NAMESPACE_FLAG,
  POD,
  POD_PARTS,
  PROSE_ID,
  PSEUDONYM_KINDS,
  type PseudonymKind,
  SHARED_NAMESPACES,
  URL_HOST,
} from './pseudonym-rules.js';
import {
  deploymentPseudonym,
  emailPseudonym,
  hostPseudonym,
  idPseudonym,
  ipv4Pseudonym,
  ipv6Pseudonym,
  isIdPseudonym,
  isPodHashPseudonym,
  isPseudonym,
  namePseudonym,
  namespacePseudonym,
  podHashPseudonym,
  pseudoDigits,
} from './pseudonym-shapes.js';
import { redactDeep, redactText } from './redact.js';

export interface AnonymiserOptions {
  /** Literal names to replace wherever they stand as words, case-insensitively (a company, a customer). */
  names?: string[];
  /** Values never replaced, compared case-insensitively: service and deployment names the eval must still see. */
  keep?: string[];
}

/** One line of the preview: how many replacements of a kind, and a few of the tokens used (never originals). */
export interface ReplacementSummary {
  kind: PseudonymKind | RedactionKind;
  count: number;
  examples: { from?: never; to: string }[];
}

export interface Anonymiser {
  /** `s` with secrets redacted and identifying data replaced by pseudonyms. */
  text(s: string): string;
  /** A copy of a JSON-like value: keys kept, strings anonymised, ids under id-named fields replaced by kind. */
  deep<T>(value: T): T;
  /** What was replaced so far, by kind, in kind order. */
  report(): ReplacementSummary[];
}

const MAX_EXAMPLES = 3;
const MARKER = /\[REDACTED:[a-z_]+\]/;

/** Builds an anonymiser; one per eval case, so the numbering restarts and tokens stay small. */
export function createAnonymiser(options: AnonymiserOptions = {}): Anonymiser {
  const keep = new Set((options.keep ?? []).map((k) => k.toLowerCase()));
  const tables = new Map<string, Map<string, string>>();
  const tally = new Map<PseudonymKind | RedactionKind, { count: number; examples: string[] }>();
  const namesPattern = wordsPattern(options.names ?? []);

  const count = (kind: PseudonymKind | RedactionKind, to: string, times = 1) => {
    const entry = tally.get(kind) ?? { count: 0, examples: [] };
    entry.count += times;
    if (entry.examples.length < MAX_EXAMPLES && !entry.examples.includes(to)) entry.examples.push(to);
    tally.set(kind, entry);
  };

  /** The pseudonym of `original` in `table`, made by `make(n)` on first sight. */
  const lookup = (table: string, original: string, make: (n: number) => string): string => {
    const map = tables.get(table) ?? new Map<string, string>();
    tables.set(table, map);
    const known = map.get(original);
    if (known !== undefined) return known;
    const made = make(map.size + 1);
    map.set(original, made);
    return made;
  };

  const replace = (kind: PseudonymKind, table: string, original: string, make: (n: number) => string) => {
    if (keep.has(original.toLowerCase())) return original;
    const to = lookup(table, original, make);
    count(kind, to);
    return to;
  };

  const host = (value: string, kind: 'host' | 'url_host'): string =>
    isReservedHost(value) || isPseudonym(value) || /^[\d.]+$/.test(value)
      ? value
      : replace(kind, 'host', value.toLowerCase(), hostPseudonym);

  const id = (kind: IdKind, value: string): string =>
    isIdPseudonym(value) ? value : replace(kind, kind, value, (n) => idPseudonym(kind, value, n));

  const pod = (value: string): string => {
    const parts = POD_PARTS.exec(value)?.groups;
    if (!parts?.base || !parts.suffix) return replace('pod', 'pod', value, (n) => `pod-${n}`);
    const { base, rs, suffix } = parts;
    const ordinal = /^\d{1,4}$/.test(suffix);
    const baseDone = keep.has(base.toLowerCase()) || /^app-\d+$/.test(base);
    const hashDone = (rs === undefined || isPodHashPseudonym(rs)) && (ordinal || isPodHashPseudonym(suffix));
    if (baseDone && hashDone) return value;
    return replace('pod', 'pod', value, (n) => {
      const dep = keep.has(base.toLowerCase()) ? base : lookup('deployment', base, deploymentPseudonym);
      const rsPart =
        rs === undefined ? '' : `-${lookup('replicaset', rs, (m) => podHashPseudonym(m, rs.length))}`;
      return `${dep}${rsPart}-${ordinal ? suffix : podHashPseudonym(n, suffix.length)}`;
    });
  };

  /** A value known by its field name; values some text rule owns (addresses, emails) are left to it. */
  const byField = (kind: PseudonymKind, value: string): string => {
    if (
      value === '' ||
      keep.has(value.toLowerCase()) ||
      MARKER.test(value) ||
      isPseudonym(value) ||
      looksOwnedByForm(value)
    ) {
      return value;
    }
    switch (kind) {
      case 'host':
      case 'url_host':
        return host(value, 'host');
      case 'user_id':
      case 'account_id':
      case 'tenant_id':
        return id(kind, value);
      case 'namespace':
        return SHARED_NAMESPACES.has(value) || isPseudonym(value)
          ? value
          : replace('namespace', 'namespace', value, namespacePseudonym);
      case 'pod':
        return pod(value);
      default:
        return value;
    }
  };

  const pseudonymise = (input: string): string => {
    let out = input.replace(URL_HOST, (h) => host(h, 'url_host'));
    out = out.replace(EMAIL, (e) =>
      // An address at a reserved domain (RFC 2606) reaches nobody; message ids look the same.
      isPseudonym(e) || isReservedHost(e.slice(e.indexOf('@') + 1))
        ? e
        : replace('email', 'email', e.toLowerCase(), emailPseudonym),
    );
    out = out.replace(IPV6_CANDIDATE, (ip) =>
      !isIPv6(ip) || isReservedIpv6(ip) ? ip : replace('ipv6', 'ipv6', ip.toLowerCase(), ipv6Pseudonym),
    );
    out = out.replace(IPV4, (ip) => (isReservedIpv4(ip) ? ip : replace('ipv4', 'ipv4', ip, ipv4Pseudonym)));
    const assigned = (_m: string, name: string, sep: string, value: string, ..._rest: unknown[]) => {
      const kind = FIELD_KINDS[name.toLowerCase()] ?? 'user_id';
      return `${name}${sep}${isTextValue(kind, value) ? byField(kind, value) : value}`;
    };
    out = out.replace(ASSIGNED, assigned);
    out = out.replace(
      NAMESPACE_FLAG,
      (_m, flag: string, sep: string, value: string) => `${flag}${sep}${byField('namespace', value)}`,
    );
    out = out.replace(PROSE_ID, (_m, name: string, sep: string, value: string) => {
      const kind: IdKind =
        name.toLowerCase() === 'user'
          ? 'user_id'
          : name.toLowerCase() === 'account'
            ? 'account_id'
            : 'tenant_id';
      return `${name}${sep}${byField(kind, value)}`;
    });
    out = out.replace(POD, (p) => pod(p));
    out = out.replace(FQDN, (h) => host(h, 'host'));
    if (namesPattern) {
      out = out.replace(namesPattern, (name) => replace('name', 'name', name.toLowerCase(), namePseudonym));
    }
    return out;
  };

  const countRedactions = (before: string, after: string) => {
    for (const kind of REDACTION_KINDS) {
      const added = occurrences(after, redactionMarker(kind)) - occurrences(before, redactionMarker(kind));
      if (added > 0) count(kind, redactionMarker(kind), added);
    }
  };

  const walk = (value: unknown, kind: PseudonymKind | undefined): unknown => {
    if (typeof value === 'string') {
      const out = pseudonymise(value);
      return kind && out === value ? byField(kind, value) : out;
    }
    if (typeof value === 'number' && Number.isInteger(value) && value > 0 && isIdKind(kind)) {
      const digits = String(value);
      if (isIdPseudonym(digits)) return value;
      return Number(replace(kind, kind, digits, (n) => pseudoDigits(n, digits.length)));
    }
    if (Array.isArray(value)) return value.map((item) => walk(item, kind));
    if (isPlainObject(value)) {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) out[key] = walk(item, FIELD_KINDS[key.toLowerCase()]);
      return out;
    }
    return value;
  };

  return {
    text(s) {
      const redacted = redactText(s).text;
      countRedactions(s, redacted);
      return pseudonymise(redacted);
    },
    deep<T>(value: T): T {
      const redacted = redactDeep(value);
      if (redacted !== value) countRedactions(JSON.stringify(value), JSON.stringify(redacted));
      return walk(redacted, undefined) as T;
    },
    report() {
      return [...PSEUDONYM_KINDS, ...REDACTION_KINDS].flatMap((kind) => {
        const entry = tally.get(kind);
        return entry ? [{ kind, count: entry.count, examples: entry.examples.map((to) => ({ to })) }] : [];
      });
    },
  };
}

function isIdKind(kind: PseudonymKind | undefined): kind is IdKind {
  return kind === 'user_id' || kind === 'account_id' || kind === 'tenant_id';
}

/** Addresses and emails: their own rules replace them wherever they stand, field or text. */
function looksOwnedByForm(value: string): boolean {
  return (
    /^\d{1,3}(?:\.\d{1,3}){3}$/.test(value) || value.includes('@') || (value.includes(':') && isIPv6(value))
  );
}

/** Whole words, case-insensitive, longest first so `Acme Corp` wins over `Acme`. */
function wordsPattern(names: string[]): RegExp | undefined {
  const words = names.map((n) => n.trim()).filter((n) => n !== '');
  if (words.length === 0) return undefined;
  const alternatives = [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  return new RegExp(`(?<![\\w-])(?:${alternatives.join('|')})(?![\\w-])`, 'gi');
}

function occurrences(text: string, marker: string): number {
  return text.split(marker).length - 1;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
