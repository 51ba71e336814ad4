/**
 * A log template of the lab: a message shape with variable fields, as one line of a service's
 * source code would produce it. The simulator draws templates by weight for each service's role
 * and renders them with the current state of the system.
 */
import type { LogLevel } from '../../core/index.js';
import type { Random } from '../random.js';
import type { LabRole } from '../topology.js';

export interface RenderContext {
  rng: Random;
  /** The emitting service. */
  service: string;
  /** A dependency of the emitting service (or the service itself when it has none). */
  dependency(): string;
  /** A route or operation the service serves, e.g. `GET /products/:id` (use `path()` for a concrete path). */
  operation(): string;
  /** A concrete request path for an operation, ids filled in. */
  path(): string;
  /** A plausible request duration right now, in ms (follows the service's current latency). */
  latencyMs(): number;
  /** Pod name of one of the service's replicas, e.g. `checkout-7d9f8c6b5-x2k4q`. */
  pod(): string;
}

export interface LogTemplate {
  /** Stable id, e.g. `edge.access`; unique within the catalogue. */
  id: string;
  level: LogLevel;
  /** Relative frequency among the templates of its role in normal operation. */
  weight: number;
  /** Returns the message text (no timestamp, level or service prefix: those are record fields). */
  render(ctx: RenderContext): string;
}

export type TemplateCatalogue = Record<LabRole, LogTemplate[]>;
