/**
 * Who may reach the server. Each webhook source checks its own credential (its entry in
 * intake/registry.ts); the JSON API takes a bearer token (`auth.api`). Without a credential a
 * source is open, which `nightshift serve` allows only on a loopback address: `openParts` is
 * derived from the alert-source registry, so a new source is covered by the refusal at once.
 */
import type { AuthConfig } from '../config/schema.js';
import { openAlertSources } from '../intake/index.js';

/** True for addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** The webhook sources and API anyone who can reach the server may use: those without a credential. */
export function openParts(auth: AuthConfig): string[] {
  return [...openAlertSources(auth), ...(auth.api ? [] : ['api'])];
}
