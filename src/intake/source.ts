/**
 * What an alert source is: one webhook endpoint (`POST /webhooks/<kind>`), its payload parser, the
 * credential it accepts in nightshift.yaml's `auth.<kind>` and how that credential is checked.
 * Every entry of the registry (registry.ts) has this shape; the server's routes, the `auth:`
 * config schema, the refusal to start open on a non-loopback address and `config check`'s
 * webhooks line are all derived from the registry.
 */
import type { z } from 'zod';
import type { ReceivedAlert } from './alertmanager.js';
import type { AuthRefusal, AuthRequest } from './auth.js';

/** What a source's credential proves, for operators choosing one and for `config check`. */
export interface AlertSourceSecurity {
  /** The ways a delivery can prove who sent it, e.g. `bearer token`, `HMAC-SHA256 of the body`. */
  authentication: readonly string[];
  /**
   * Whether a signature can cover a timestamp, which bounds replays of a captured delivery to the
   * tolerance: `never` (replays are caught only by event ids and ordering, or not at all),
   * `optional` (when the auth settings ask for it).
   */
  signedTimestamp: 'never' | 'optional';
  /** Whether deliveries carry the sender's event id, so intake ignores a repeat of one. */
  eventIds: 'always' | 'optional' | 'never';
}

/**
 * One alert source. `S` is the zod schema of its `auth.<kind>` settings; `checkAuth` receives what
 * that schema produced. Method syntax on purpose: the registry holds entries with different `S`.
 */
export interface AlertSourceDef<S extends z.ZodType = z.ZodType> {
  /** One line for docs and `config check`: which sender this is and what it posts. */
  description: string;
  /** Alerts in one delivery; throws BAD_INPUT naming the field for a malformed payload. */
  parse(body: unknown, receivedAt: number): ReceivedAlert[];
  /** The settings under `auth.<kind>`. */
  authSchema: S;
  /** Undefined when the request may go on; otherwise how to refuse it. */
  checkAuth(rule: z.output<S>, request: AuthRequest): AuthRefusal | undefined;
  /** How a configured credential reads in `config check` (never the secret itself). */
  describeAuth(rule: z.output<S>): string;
  security: AlertSourceSecurity;
}

/** Ties an entry's `checkAuth` and `describeAuth` to what its `authSchema` produces. */
export function defineAlertSource<S extends z.ZodType>(def: AlertSourceDef<S>): AlertSourceDef<S> {
  return def;
}
