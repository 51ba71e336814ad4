/**
 * The variable fields that lab log lines share: user, order and session ids, SKUs, ports, request
 * lines. Kept as plain string building (no regex, no JSON), since templates render a million lines
 * in a few seconds.
 */
import type { Random } from '../random.js';
import type { RenderContext } from './template.js';

const SLUGS = ['shoes', 'outdoor', 'kitchen', 'garden', 'toys', 'books', 'audio', 'sale'];
const SEARCH_TERMS = ['rain+jacket', 'usb-c', 'coffee', 'running', 'lego', 'desk+lamp', 'tent'];

/** A customer id as the shop's services print it, e.g. `u-183744`. */
export function userId(rng: Random): string {
  return `u-${rng.int(100000, 999999)}`;
}

/** An order id, hex as the orders table's public ids are. */
export function orderId(rng: Random): string {
  return rng.hex(12);
}

export function sku(rng: Random): string {
  return `SKU-${rng.int(10000, 99999)}`;
}

/** An ephemeral client port, in Linux's default range. */
export function clientPort(rng: Random): number {
  return rng.int(32768, 60999);
}

/** A whole number of milliseconds from the context's current latency. */
export function latency(ctx: RenderContext): number {
  return Math.round(ctx.latencyMs());
}

/** A response size in bytes: log-normal around `medianBytes`, as payload sizes are. */
export function bytes(rng: Random, medianBytes: number): number {
  return Math.round(rng.logNormal(medianBytes, 0.8));
}

/** Fills the `:param` segments of a route such as `/cart/:id/items/:sku`. */
export function fillRoute(route: string, rng: Random): string {
  if (route.indexOf(':') < 0) return route;
  const parts = route.split('/');
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    if (part.charCodeAt(0) === 58) parts[i] = paramValue(part, rng);
  }
  return parts.join('/');
}

function paramValue(param: string, rng: Random): string {
  switch (param) {
    case ':sku':
      return sku(rng);
    case ':userId':
      return userId(rng);
    case ':slug':
      return rng.pick(SLUGS);
    default:
      return String(rng.int(1000, 999999));
  }
}

/**
 * Method and concrete path of one of the service's operations. Operations that are not HTTP
 * routes (`process order.created`, `query`) fall back to `GET` and the context's path.
 */
export function requestLine(ctx: RenderContext): [method: string, path: string] {
  const op = ctx.operation();
  const space = op.indexOf(' ');
  if (space > 0 && op.charCodeAt(space + 1) === 47) {
    let path = fillRoute(op.slice(space + 1), ctx.rng);
    if (path.indexOf('search') >= 0) path += `?q=${ctx.rng.pick(SEARCH_TERMS)}`;
    return [op.slice(0, space), path];
  }
  return ['GET', ctx.path()];
}

/** The message type a worker operation handles: `process order.created` → `order.created`. */
export function messageType(ctx: RenderContext): string {
  const op = ctx.operation();
  return op.startsWith('process ') ? op.slice(8) : op;
}

/** The queue name behind a broker service: `orders-queue` → `orders`. */
export function queueName(service: string): string {
  return service.endsWith('-queue') ? service.slice(0, -6) : service;
}
