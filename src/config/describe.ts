/** What a configuration sets up, in a few lines, for `config check` and the server log. No secrets. */
import { redactString } from '../anonymise/index.js';
import type { NightshiftConfig } from './schema.js';

export function describeConfig(config: NightshiftConfig): string {
  const { server, auth, store, intake, investigation, sources, slack } = config;
  const authOf = (name: keyof typeof auth): string => {
    const rule = auth[name];
    if (!rule) return 'open (no credential)';
    if ('bearer' in rule) return 'bearer token';
    if ('secrets' in rule)
      return `PagerDuty signature (${rule.secrets.length} secret${rule.secrets.length === 1 ? '' : 's'})`;
    return `HMAC-SHA256 in ${rule.header}`;
  };
  const live = Object.entries(sources)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => (typeof v === 'object' && v && 'url' in v ? `${k} ${safeUrl(String(v.url))}` : k));
  // Redacted as a whole too: a token pasted into a URL's query or a channel name is still a token.
  const lines = [
    `  listen      ${server.listen}${server.publicUrl ? ` (public ${safeUrl(server.publicUrl)})` : ''}, body limit ${server.bodyLimit} bytes`,
    `  webhooks    ${(['alertmanager', 'grafana', 'pagerduty', 'generic'] as const).map((s) => `${s}: ${authOf(s)}`).join('; ')}`,
    `  api         ${authOf('api')}`,
    `  store       ${store.kind === 'sqlite' ? `sqlite ${store.path}` : `postgres ${safeUrl(store.url)}`}`,
    `  intake      group window ${intake.groupWindow / 1000} s, ${intake.concurrency} at once, ${intake.maxAttempts} attempts, lease ${intake.lease / 1000} s`,
    `  brain       ${investigation.brain}, ${investigation.rounds} rounds, source timeout ${investigation.sourceTimeout / 1000} s`,
    `  sources     ${live.length > 0 ? live.join(', ') : 'none (investigations will report every source as not configured)'}`,
    `  slack       ${slack?.token ? `bot to ${slack.channel}` : slack?.webhookUrl ? 'incoming webhook (no threads)' : 'not configured: briefs print to stdout'}`,
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
