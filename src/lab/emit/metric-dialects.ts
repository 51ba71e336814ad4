/**
 * Metric names and units as real exporters write them. `prometheus` follows Micrometer, cAdvisor,
 * kube-state-metrics, kubelet volume stats, HikariCP, redis_exporter and rabbitmq's exporter, with
 * recording-rule names (`level:metric:operation`) for rates and quantiles, and seconds for
 * durations. `otel` follows OpenTelemetry semantic conventions and the collector's kubeletstats,
 * k8s cluster and kafka receivers. Where a real exporter gives a level and a capacity rather than
 * a ratio (volume bytes available; memory limit), so do we: the analyst must cope with both.
 */
import type { LabService } from '../topology.js';
import type { MetricDialect } from './dialect.js';

/** One native metric written as one or more dialect series: name and value from the native value. */
type Translation = Array<[name: string, value: (v: number, s: LabService) => number]>;

const seconds = (v: number) => Math.round(v * 100) / 100_000;
const same = (v: number) => v;
/** Volume size of stateful services: the lab models disk as a share, exporters report bytes. */
const VOLUME_BYTES = 200 * 1024 ** 3;
const bytesFree = (v: number) => Math.round((1 - v) * VOLUME_BYTES);

const PROMETHEUS: Record<string, Translation> = {
  requests_per_second: [['job:http_server_requests_seconds_count:rate1m', same]],
  error_ratio: [['job:http_server_requests_errors:ratio_rate1m', same]],
  latency_p50_ms: [['job:http_server_requests_seconds:p50', seconds]],
  latency_p95_ms: [['job:http_server_requests_seconds:p95', seconds]],
  latency_p99_ms: [['job:http_server_requests_seconds:p99', seconds]],
  cpu_utilization: [['process_cpu_usage', same]],
  memory_bytes: [['container_memory_working_set_bytes', same]],
  memory_utilization: [['kube_pod_container_resource_limits_memory_bytes', (_v, s) => s.memoryLimitBytes]],
  restarts_total: [['kube_pod_container_status_restarts_total', same]],
  db_connections_in_use: [['hikaricp_connections_active', same]],
  db_connections_max: [['hikaricp_connections_max', same]],
  cache_hit_ratio: [['redis_keyspace_hits_ratio', same]],
  queue_depth: [['rabbitmq_queue_messages_ready', same]],
  disk_utilization: [
    ['kubelet_volume_stats_available_bytes', bytesFree],
    ['kubelet_volume_stats_capacity_bytes', () => VOLUME_BYTES],
  ],
};

const OTEL: Record<string, Translation> = {
  requests_per_second: [['http.server.request.rate', same]],
  error_ratio: [['http.server.request.error_ratio', same]],
  latency_p50_ms: [['http.server.request.duration.p50', seconds]],
  latency_p95_ms: [['http.server.request.duration.p95', seconds]],
  latency_p99_ms: [['http.server.request.duration.p99', seconds]],
  cpu_utilization: [['process.cpu.utilization', same]],
  memory_bytes: [['process.memory.usage', same]],
  memory_utilization: [['k8s.pod.memory_limit_utilization', same]],
  restarts_total: [['k8s.container.restarts', same]],
  db_connections_in_use: [['db.client.connections.usage', same]],
  db_connections_max: [['db.client.connections.max', same]],
  cache_hit_ratio: [['redis.keyspace.hit_ratio', same]],
  queue_depth: [['kafka.consumer_group.lag', same]],
  disk_utilization: [
    ['k8s.volume.available', bytesFree],
    ['k8s.volume.capacity', () => VOLUME_BYTES],
  ],
};

const TABLES: Record<Exclude<MetricDialect, 'native'>, Record<string, Translation>> = {
  prometheus: PROMETHEUS,
  otel: OTEL,
};

/**
 * Writes one native sample in `dialect`. A native name with no translation is an error in this
 * table (a new native metric must be given its exporter names), not something to pass through.
 */
export function translateMetric(
  dialect: Exclude<MetricDialect, 'native'>,
  service: LabService,
  metric: string,
  value: number,
  fn: (service: string, metric: string, value: number) => void,
): void {
  const translation = TABLES[dialect][metric];
  if (!translation) throw new Error(`metric-dialects.ts: no ${dialect} name for native metric ${metric}`);
  for (const [name, convert] of translation) fn(service.name, name, convert(value, service));
}
