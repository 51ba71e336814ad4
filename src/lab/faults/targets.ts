/** Which services of a topology a fault can plausibly hit, by role and shape. */
import type { LabRole, LabTopology } from '../topology.js';

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
