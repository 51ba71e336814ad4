/**
 * Which services of a topology a fault can plausibly hit, by role and shape (never by name: the
 * generated topologies name services after birds and minerals).
 */
import type { LabRole, LabService, LabTopology } from '../topology.js';

export function byRole(t: LabTopology, ...roles: LabRole[]): string[] {
  return t.services.filter((s) => roles.includes(s.role)).map((s) => s.name);
}

/** Services that something needs (a hard dependency): an outage there has someone to hurt. */
export function called(t: LabTopology, ...roles: LabRole[]): string[] {
  const callees = new Set(
    t.services.flatMap((s) => s.dependsOn.filter((d) => !d.soft).map((d) => d.service)),
  );
  return byRole(t, ...roles).filter((name) => callees.has(name));
}

export function withPool(t: LabTopology): string[] {
  return t.services.filter((s) => (s.poolMax ?? 0) > 0).map((s) => s.name);
}

/** `first`, then the names of `more` it does not hold, in order (a default list stays a prefix). */
export function union(first: readonly string[], more: readonly string[]): string[] {
  const seen = new Set(first);
  return [...first, ...more.filter((n) => !seen.has(n))];
}

/** Services with an edge to `name`, hard callers first. */
export function callersOf(t: LabTopology, name: string): LabService[] {
  const callers = t.services.filter((s) => s.dependsOn.some((d) => d.service === name));
  const soft = (s: LabService) => s.dependsOn.find((d) => d.service === name)?.soft === true;
  return [...callers.filter((s) => !soft(s)), ...callers.filter(soft)];
}

/**
 * An external identity provider: its operations are token, key-set or OpenID routes (generated
 * topologies name one like any other service, so the routes are what tells).
 */
export function isIdentityProvider(s: LabService | undefined): boolean {
  return (
    s?.role === 'external' &&
    s.operations.some((op) => /oauth|token|jwks|openid|userinfo|authorize|saml/i.test(op))
  );
}

/**
 * Services of `roles` that user requests reach from the entry (through hard or soft calls). A
 * service only a worker calls, asynchronously, hurts no user request when it fails.
 */
export function onRequestPath(t: LabTopology, ...roles: LabRole[]): string[] {
  const reached = new Set([t.entry]);
  const stack = [t.entry];
  while (stack.length > 0) {
    const name = stack.pop();
    const s = t.services.find((x) => x.name === name);
    for (const d of s?.dependsOn ?? []) {
      if (reached.has(d.service)) continue;
      reached.add(d.service);
      stack.push(d.service);
    }
  }
  return byRole(t, ...roles).filter((name) => reached.has(name));
}
