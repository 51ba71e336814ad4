/**
 * The alert sources, by the name of their webhook (`POST /webhooks/<kind>`). One line each: a new
 * source is its file (payload schema, parser, `defineAlertSource` entry) plus a line here, and
 * the compiler checks the entry is complete. Everything else is derived from this table: the
 * server's routes, nightshift.yaml's `auth:` settings, the refusal to start on a non-loopback
 * address while a source has no credential, and `config check`'s webhooks line.
 */
import type { z } from 'zod';
import { alertmanagerAlertSource } from './alertmanager.js';
import type { AuthRefusal, AuthRequest } from './auth.js';
import { genericAlertSource } from './generic.js';
import { grafanaAlertSource } from './grafana.js';
import { pagerDutyAlertSource } from './pagerduty.js';
import type { AlertSourceDef } from './source.js';

export const alertSources = {
  alertmanager: alertmanagerAlertSource,
  grafana: grafanaAlertSource,
  pagerduty: pagerDutyAlertSource,
  generic: genericAlertSource,
} satisfies Record<string, AlertSourceDef>;

export type AlertSourceKind = keyof typeof alertSources;

/** Every source's name, in the registry's order. */
export const ALERT_SOURCES = Object.keys(alertSources) as AlertSourceKind[];

/** `auth.<kind>` for every source: the shape config/schema.ts builds the `auth:` section from. */
export type AlertSourceAuthShape = { [K in AlertSourceKind]: (typeof alertSources)[K]['authSchema'] };
export const alertSourceAuthShape = Object.fromEntries(
  ALERT_SOURCES.map((kind) => [kind, alertSources[kind].authSchema]),
) as AlertSourceAuthShape;

/** The settings of every source that has a credential configured. */
export type AlertSourceAuth = { [K in AlertSourceKind]?: z.output<AlertSourceAuthShape[K]> };

export function isAlertSource(name: string): name is AlertSourceKind {
  return Object.hasOwn(alertSources, name);
}

/**
 * Undefined when the request may go on; otherwise how to refuse it. A source without a credential
 * is open: `nightshift serve` allows that only on a loopback address (see `openAlertSources`).
 */
export function checkAlertSourceAuth(
  auth: AlertSourceAuth,
  kind: AlertSourceKind,
  request: AuthRequest,
): AuthRefusal | undefined {
  const rule = auth[kind];
  if (rule === undefined) return undefined;
  // The config schema was built from this entry's authSchema, so the rule is what it expects.
  const source: AlertSourceDef = alertSources[kind];
  return source.checkAuth(rule, request);
}

/** How a source's credential reads in `config check`; never a secret. */
export function describeAlertSourceAuth(auth: AlertSourceAuth, kind: AlertSourceKind): string {
  const rule = auth[kind];
  if (rule === undefined) return 'open (no credential)';
  const source: AlertSourceDef = alertSources[kind];
  return source.describeAuth(rule);
}

/** The sources anyone who can reach the server may post to. */
export function openAlertSources(auth: AlertSourceAuth): AlertSourceKind[] {
  return ALERT_SOURCES.filter((kind) => auth[kind] === undefined);
}
