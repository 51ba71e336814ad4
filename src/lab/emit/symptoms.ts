/**
 * What a service logs when its calls fail or time out: the error names the next hop, not the root
 * cause, exactly as in production. A gateway in front of a broken database logs upstream 503s
 * from the service it called, and that service logs timeouts calling the db-proxy.
 */
import type { Random } from '../random.js';
import { EDGE_RESET, EDGE_TLS } from '../sim/conditions.js';
import type { LabRole } from '../topology.js';

export type CallFailure = 'refused' | 'timeout' | 'status' | 'reset' | 'tls';

export function describeCallFailure(
  rng: Random,
  role: LabRole,
  dependency: string,
  failure: CallFailure,
  path: string,
  atMs: number,
): string {
  if (role === 'edge') {
    switch (failure) {
      case 'refused':
        return `upstream connect error or disconnect/reset before headers. reset reason: connection failure, cluster=${dependency} path=${path}`;
      case 'timeout':
        return `upstream request timeout cluster=${dependency} path=${path} duration=15000ms`;
      case 'reset':
        return `upstream reset: connection termination cluster=${dependency} path=${path}`;
      case 'tls':
        return `upstream connect error: TLS error: 268435581:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED cluster=${dependency}`;
      default:
        return `upstream ${dependency} returned ${rng.pick(['503', '500', '502'])} for ${path}`;
    }
  }
  const port = rng.pick(['8080', '8443', '9090']);
  switch (failure) {
    case 'refused':
      return `call to ${dependency} failed: dial tcp ${rng.ip()}:${port}: connect: connection refused`;
    case 'timeout':
      return `call to ${dependency} failed: context deadline exceeded after 5000ms (${path})`;
    case 'reset':
      return `call to ${dependency} failed: read tcp ${rng.ip()}:${rng.int(30000, 60000)}->${rng.ip()}:${port}: read: connection reset by peer`;
    case 'tls':
      return `call to ${dependency} failed: x509: certificate has expired or is not yet valid: current time ${new Date(atMs).toISOString().slice(0, 19)}Z is after ${new Date(atMs - rng.int(60, 3000) * 1000).toISOString().slice(0, 19)}Z`;
    default:
      return `call to ${dependency} failed: ${rng.pick(['503 Service Unavailable', '500 Internal Server Error'])} (${path})`;
  }
}

/** The failure a caller sees on an edge, from the simulated step. */
export function failureOnEdge(
  calleeDown: boolean,
  edgeFailure: number,
  calleeTimeoutShare: number,
): CallFailure {
  if (edgeFailure === EDGE_TLS) return 'tls';
  if (edgeFailure === EDGE_RESET) return 'reset';
  if (calleeDown) return 'refused';
  if (calleeTimeoutShare > 0.01) return 'timeout';
  return 'status';
}
