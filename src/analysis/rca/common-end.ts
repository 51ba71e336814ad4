/**
 * The common end of failing connections. A caller's line naming a dependency ("call to payments
 * failed: connection reset by peer") points at the dependency, or at the wire to it. But when the
 * caller's own callers see its connections fail the same way, and nobody else sees the
 * dependency's fail, the one service on both failing wires is the caller: its node or its network
 * is at fault (packet loss on its host, its sidecar resetting), and the dependency is fine.
 */
import type { LogShift } from './evidence.js';

/** Failure text about the wire rather than the code: resets, socket timeouts, unreachable peers. */
export const NETWORK_TEXT =
  /connection reset|reset by peer|upstream reset|connection termination|broken pipe|i\/o timeout|retransmi|unreachable|packet loss/i;

/**
 * Failure text that says a call never got an answer from the callee's code: the connection was
 * reset, timed out at the socket, the name did not resolve, the TLS handshake failed. A caller
 * failing this way is not failing by its own code; the callee or the wire to it is.
 */
export const WIRE_TEXT = new RegExp(
  `${NETWORK_TEXT.source}|dial tcp|no such host|nxdomain|name resolution|certificate|x509|handshake`,
  'i',
);

export interface Pointer {
  shift: LogShift;
  /** Services the pattern's lines name (never its own). */
  named: readonly string[];
}

/**
 * For each service, the services whose lines name it in network failures. A pointer from `from`
 * to `to` belongs to `from` instead when `from` is itself named in network failures by someone
 * other than `to`, and no one but `from` names `to` that way.
 */
export function commonEnds(pointers: readonly Pointer[]): (from: string, to: string) => boolean {
  const accusers = new Map<string, Set<string>>();
  for (const { shift, named } of pointers) {
    if (!NETWORK_TEXT.test(shift.template)) continue;
    for (const to of named) {
      const set = accusers.get(to) ?? new Set<string>();
      set.add(shift.service);
      accusers.set(to, set);
    }
  }
  return (from, to) => {
    const againstFrom = [...(accusers.get(from) ?? [])].filter((s) => s !== to);
    const againstTo = [...(accusers.get(to) ?? [])].filter((s) => s !== from);
    return againstFrom.length > 0 && againstTo.length === 0 && (accusers.get(to)?.has(from) ?? false);
  };
}
