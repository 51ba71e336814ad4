/**
 * Credentials of the HTTP connectors (Prometheus, Loki, Jaeger), in one shape: a bearer token or
 * basic auth, or basic auth written into the URL. They become an Authorization header, and every
 * secret is known so it can be scrubbed from anything a server echoes back into an error. The
 * request itself (timeout, abort, redirects, error shape) is core/http.ts's.
 */
import { z } from 'zod';
import { redactString } from '../anonymise/index.js';
import { replaceSecrets } from '../core/index.js';

/** Bearer token or HTTP basic auth; Grafana Cloud uses basic auth (user id and API token). */
export const httpAuthSchema = z.union([
  z.object({ bearer: z.string().min(1) }).strict(),
  z.object({ username: z.string().min(1), password: z.string() }).strict(),
]);
export type HttpAuth = z.infer<typeof httpAuthSchema>;

export interface Credentials {
  /** The URL without user and password, safe to show. */
  url: URL;
  /** The Authorization header value, if any. */
  authorization: string | undefined;
  /** Every secret, longest first. */
  secrets: string[];
  /**
   * Removes these secrets (exactly), then anything else that looks like one (src/anonymise): a
   * server may echo a credential we did not send, e.g. from its own configuration.
   */
  scrub: (text: string) => string;
}

/** The credentials of `auth`, or else of the URL's user info. */
export function credentialsOf(
  url: string,
  auth: HttpAuth | undefined,
  extraSecrets: string[] = [],
): Credentials {
  const u = new URL(url);
  const fromUrl =
    u.username !== ''
      ? { username: decodeURIComponent(u.username), password: decodeURIComponent(u.password) }
      : undefined;
  const secrets = [u.password, decodeURIComponent(u.password), ...extraSecrets];
  u.username = '';
  u.password = '';
  const chosen = auth ?? fromUrl;
  let authorization: string | undefined;
  if (chosen && 'bearer' in chosen) {
    authorization = `Bearer ${chosen.bearer}`;
    secrets.push(chosen.bearer);
  } else if (chosen) {
    authorization = `Basic ${Buffer.from(`${chosen.username}:${chosen.password}`).toString('base64')}`;
    secrets.push(chosen.password);
  }
  if (authorization) secrets.push(authorization);
  const known = [...new Set(secrets.filter((s) => s.length >= 4))].sort((a, b) => b.length - a.length);
  return {
    url: u,
    authorization,
    secrets: known,
    scrub: (text) => redactString(replaceSecrets(text, known)),
  };
}
