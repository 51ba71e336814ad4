/**
 * The checks every request passes before any route sees it, whatever auth is configured:
 *
 * - **Host**: the `Host` header must name this server: a loopback name, an IP literal, the host of
 *   `server.publicUrl`, or one of `server.allowedHosts`. DNS rebinding points a name the attacker
 *   owns at 127.0.0.1, so a page on that name becomes "same origin" with the server; its requests
 *   still carry the attacker's name in `Host`, and are refused here. IP literals are safe to allow:
 *   rebinding needs a name.
 * - **Cross-site browser requests**: a browser marks every request with `Sec-Fetch-Site` and sends
 *   `Origin` on POSTs. A request another site's page makes (`cross-site`, `same-site`, or an
 *   `Origin` whose host is not ours) is refused, except a plain navigation (a person clicking the
 *   brief's link in Slack opens the report page). Alertmanager, Grafana, PagerDuty and curl send
 *   neither header, so they are unaffected.
 * - **Content type**: a JSON endpoint takes `application/json` only. Browsers send `text/plain`,
 *   form-encoded and multipart bodies cross-origin without asking the server first (a "simple"
 *   request); requiring JSON forces a CORS preflight, which this server never approves.
 *
 * Pure: the server passes the headers in and turns a refusal into a response.
 */

export interface RequestFacts {
  method: string;
  host: string | undefined;
  origin: string | undefined;
  /** `Sec-Fetch-Site`: same-origin, same-site, cross-site or none (typed in the address bar). */
  fetchSite: string | undefined;
  /** `Sec-Fetch-Mode`: navigate for a page load, cors/no-cors/same-origin for scripts. */
  fetchMode: string | undefined;
  contentType: string | undefined;
  /** The route takes a JSON body. */
  jsonBody: boolean;
}

export interface HostPolicy {
  /** Host names (no port) this server answers to besides loopback names and IP literals. */
  allowedHosts: readonly string[];
}

export interface Refusal {
  status: 403 | 415 | 421;
  error: string;
}

/** The first rule a request breaks, or undefined when it may go on. */
export function refuseRequest(request: RequestFacts, policy: HostPolicy): Refusal | undefined {
  const host = hostName(request.host);
  if (host === undefined) return { status: 421, error: 'the request has no valid Host header' };
  if (!hostAllowed(host, policy)) {
    return {
      status: 421,
      error: `this server does not answer to Host "${host}"; if that is its name, add it to server.allowedHosts or set server.publicUrl in nightshift.yaml`,
    };
  }
  const navigation =
    (request.method === 'GET' || request.method === 'HEAD') && request.fetchMode === 'navigate';
  if (!navigation) {
    const site = request.fetchSite?.toLowerCase();
    if (site === 'cross-site' || site === 'same-site') {
      return { status: 403, error: `cross-site requests are refused (Sec-Fetch-Site: ${site})` };
    }
    if (request.origin !== undefined && !originAllowed(request.origin, policy)) {
      return { status: 403, error: `requests from ${request.origin} are refused: not this server's origin` };
    }
  }
  if (request.jsonBody && !isJson(request.contentType)) {
    return {
      status: 415,
      error: `send the body as application/json (got ${request.contentType ? `"${request.contentType}"` : 'no content-type'})`,
    };
  }
  return undefined;
}

/** The host part of a `Host` header (`name:port`, `[v6]:port`), lower-cased; undefined if malformed. */
export function hostName(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const text = header.trim().toLowerCase();
  const v6 = /^\[([0-9a-f:.]+)\](?::\d{1,5})?$/.exec(text);
  if (v6) return `[${v6[1]}]`;
  const m = /^([a-z0-9.-]+)(?::\d{1,5})?$/.exec(text);
  return m?.[1]?.replace(/\.$/, '');
}

function hostAllowed(host: string, policy: HostPolicy): boolean {
  if (isLoopbackName(host) || isIpLiteral(host)) return true;
  return policy.allowedHosts.some((allowed) => allowed.toLowerCase() === host);
}

function originAllowed(origin: string, policy: HostPolicy): boolean {
  if (origin === 'null') return false; // sandboxed frames, file:// pages, redirects across origins
  try {
    const url = new URL(origin);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') && hostAllowed(hostName(url.host) ?? '', policy)
    );
  } catch {
    return false;
  }
}

/** localhost and its subdomains resolve to loopback by RFC 6761; no one else can own them. */
export function isLoopbackName(host: string): boolean {
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '[::1]' ||
    /^127\.\d+\.\d+\.\d+$/.test(host)
  );
}

function isIpLiteral(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || /^\[[0-9a-f:.]+\]$/.test(host);
}

function isJson(contentType: string | undefined): boolean {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  return (
    type === 'application/json' || (type !== undefined && /^application\/[a-z0-9.+-]+\+json$/.test(type))
  );
}
