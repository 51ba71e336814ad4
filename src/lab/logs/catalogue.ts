/**
 * The lab's background log catalogue: what each role prints in normal operation, plus a few
 * service-flavoured lines so that, say, payments and search do not read alike. Weights within a
 * role sum to about 1,000; info and debug dominate, warn is 2–4% and error 0.5–1% of lines, which
 * is what healthy production services look like (client resets, declines and rare timeouts never
 * stop). Incident lines are not here: the simulator adds them while a fault is active.
 */
import type { LabService } from '../topology.js';
import type { LogTemplate, TemplateCatalogue } from './template.js';
import { appTemplates } from './templates-app.js';
import { cacheTemplates } from './templates-cache.js';
import { commerceTemplates } from './templates-commerce.js';
import { databaseTemplates } from './templates-database.js';
import { dbProxyTemplates } from './templates-db-proxy.js';
import { edgeTemplates } from './templates-edge.js';
import { platformTemplates } from './templates-platform.js';
import { queueTemplates } from './templates-queue.js';
import { webTemplates } from './templates-web.js';
import { workerTemplates } from './templates-worker.js';

/** Background templates by role. `external` services are outside the system and emit no logs. */
export const backgroundTemplates: TemplateCatalogue = {
  edge: edgeTemplates,
  web: webTemplates,
  app: appTemplates,
  'db-proxy': dbProxyTemplates,
  database: databaseTemplates,
  cache: cacheTemplates,
  queue: queueTemplates,
  worker: workerTemplates,
  external: [],
};

/**
 * Extra templates by service name, on the same weight scale as the role's, for the business
 * services of the lab topologies. Services not listed print their role's lines only.
 */
export const serviceTemplates: Record<string, LogTemplate[]> = {
  ...commerceTemplates,
  ...platformTemplates,
};

/** Every background template a service draws from: its role's, then its own. */
export function templatesForService(service: Pick<LabService, 'name' | 'role'>): LogTemplate[] {
  const own = serviceTemplates[service.name];
  const role = backgroundTemplates[service.role];
  return own ? [...role, ...own] : [...role];
}
