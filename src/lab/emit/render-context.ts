/** The `RenderContext` log templates draw their variable fields from, for one service at one step. */

import { podName } from '../faults/fault.js';
import type { RenderContext } from '../logs/template.js';
import type { Random } from '../random.js';
import type { LabService } from '../topology.js';

export class ServiceRenderContext implements RenderContext {
  readonly service: string;
  private readonly deps: string[];
  private readonly pods: string[];
  /** Current median request latency of the service, set each step. */
  medianMs = 10;

  constructor(
    readonly rng: Random,
    private readonly spec: LabService,
  ) {
    this.service = spec.name;
    this.deps = spec.dependsOn.map((d) => d.service);
    this.pods = Array.from({ length: Math.max(1, spec.replicas) }, (_, r) => podName(spec.name, r));
  }

  dependency(): string {
    return this.deps.length === 0 ? this.service : this.rng.pick(this.deps);
  }

  operation(): string {
    return this.rng.pick(this.spec.operations);
  }

  path(): string {
    const op = this.operation();
    const space = op.indexOf(' ');
    const route = space >= 0 ? op.slice(space + 1) : op;
    if (!route.startsWith('/')) return `/${route.replace(/\s+/g, '/')}`;
    return route.replace(/:[a-zA-Z]+/g, (name) => fillParam(this.rng, name));
  }

  latencyMs(): number {
    return Math.max(0.1, this.rng.logNormal(this.medianMs, this.spec.latencySigma));
  }

  pod(): string {
    return this.rng.pick(this.pods);
  }
}

function fillParam(rng: Random, name: string): string {
  switch (name) {
    case ':userId':
      return `u-${rng.int(100000, 999999)}`;
    case ':sku':
      return `SKU-${rng.int(10000, 99999)}`;
    case ':slug':
      return rng.pick(['shoes', 'jackets', 'kitchen', 'garden', 'toys', 'books']);
    default:
      return String(rng.int(1000, 999999));
  }
}
