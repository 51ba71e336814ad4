/**
 * Who may open the report page. A link in Slack cannot carry a bearer header, so the page takes
 * the API's token either as a bearer token (scripts) or as the password of HTTP Basic auth, which
 * the browser asks a person for once and then remembers for the site. The user name is ignored.
 */
import { type AuthResult, checkBearer, sameSecret } from '../intake/index.js';

export function checkPageAuth(header: string | undefined, token: string): AuthResult {
  if (!header) return 'missing';
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header.trim());
  if (!basic?.[1]) return checkBearer(header, token);
  const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return 'wrong';
  return sameSecret(decoded.slice(colon + 1), token) ? 'ok' : 'wrong';
}
