/**
 * What a configuration sets up, in a few lines, for `config check` and the server log. No secrets.
 * The webhooks, sources and notifier lines come from the alert-source, connector and notifier
 * registries.
 */
import { redactString } from '../anonymise/index.js';
import { describeSources } from '../connectors/registry.js';
import { ALERT_SOURCES, describeAlertSourceAuth } from '../intake/index.js';
import { describeNotifier } from '../notify/index.js';
import type { NightshiftConfig } from './schema.js';

export function describeConfig(config: NightshiftConfig): string {
  const { server, auth, store, intake, investigation, sources } = config;
  const live = describeSources(sources);
  // Redacted as a whole too: a token pasted into a URL's query or a channel name is still a token.
  const lines = [
    `  listen      ${server.listen}${server.publicUrl ? ` (public ${safeUrl(server.publicUrl)})` : ''}, body limit ${server.bodyLimit} bytes`,
    `  webhooks    ${ALERT_SOURCES.map((s) => `${s}: ${describeAlertSourceAuth(auth, s)}`).join('; ')}`,
    `  api         ${auth.api ? 'bearer token' : 'open (no credential)'}`,
    `  store       ${store.kind === 'sqlite' ? `sqlite ${store.path}` : `postgres ${safeUrl(store.url)}`}`,
    `  intake      group window ${intake.groupWindow / 1000} s, ${intake.concurrency} at once, ${intake.maxAttempts} attempts, lease ${intake.lease / 1000} s`,
    `  brain       ${investigation.brain}, ${investigation.rounds} rounds, source timeout ${investigation.sourceTimeout / 1000} s`,
    `  sources     ${live.length > 0 ? live.join(', ') : 'none (investigations will report every source as not configured)'}`,
    `  notifier    ${describeNotifier(config)}`,
  ];
  return redactString(lines.join('\n'));
}

/** A URL without its user and password. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return '(not a URL)';
  }
}
