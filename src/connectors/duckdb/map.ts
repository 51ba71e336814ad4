/**
 * DuckDB values → JSON-safe values for query results (pure). Based on the package's own
 * `JsonDuckDBValueConverter`, with the changes a reader of telemetry wants: instants as ISO 8601
 * UTC strings (the project's wire form), 64-bit and larger integers as numbers when they fit,
 * intervals as DuckDB's readable text, maps with text keys as objects, and JSON columns parsed.
 */
import {
  DuckDBTimestampMillisecondsValue,
  DuckDBTimestampNanosecondsValue,
  DuckDBTimestampSecondsValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  type DuckDBType,
  DuckDBTypeId,
  type DuckDBValue,
  type DuckDBValueConverter,
  doubleFromDecimalValue,
  type Json,
  JsonDuckDBValueConverter,
} from '@duckdb/node-api';

const INSTANT_TYPES = new Set<DuckDBTypeId>([
  DuckDBTypeId.TIMESTAMP,
  DuckDBTypeId.TIMESTAMP_TZ,
  DuckDBTypeId.TIMESTAMP_S,
  DuckDBTypeId.TIMESTAMP_MS,
  DuckDBTypeId.TIMESTAMP_NS,
]);

const BIG_INTEGER_TYPES = new Set<DuckDBTypeId>([
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.UBIGINT,
  DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UHUGEINT,
  DuckDBTypeId.BIGNUM,
]);

/** Converts one DuckDB value (recursively for lists, structs and maps) to a JSON-safe value. */
export const toJsonValue: DuckDBValueConverter<Json> = (value, type, converter) => {
  if (value === null) return null;
  if (INSTANT_TYPES.has(type.typeId)) return instantToIso(value);
  if (BIG_INTEGER_TYPES.has(type.typeId)) return bigIntegerToJson(value);
  switch (type.typeId) {
    case DuckDBTypeId.DECIMAL:
      return doubleFromDecimalValue(value);
    case DuckDBTypeId.INTERVAL:
      return String(value);
    case DuckDBTypeId.MAP:
      return mapToJson(value, type, converter);
    default:
      return JsonDuckDBValueConverter(value, type, converter);
  }
};

/** A column type as people write it: `TIMESTAMPTZ`, `JSON`, `MAP(VARCHAR, VARCHAR)`. */
export function typeName(type: DuckDBType): string {
  return (type.alias ?? type.toString()).replaceAll('TIMESTAMP WITH TIME ZONE', 'TIMESTAMPTZ');
}

function instantToIso(value: DuckDBValue): string {
  const ms = epochMs(value);
  const date = ms === undefined ? undefined : new Date(Number(ms));
  // ±infinity and instants past the range of a JS Date keep DuckDB's own text.
  if (date === undefined || Number.isNaN(date.getTime())) return String(value);
  return date.toISOString();
}

function epochMs(value: DuckDBValue): bigint | undefined {
  if (value instanceof DuckDBTimestampTZValue || value instanceof DuckDBTimestampValue) {
    return value.micros / 1000n;
  }
  if (value instanceof DuckDBTimestampMillisecondsValue) return value.millis;
  if (value instanceof DuckDBTimestampSecondsValue) return value.seconds * 1000n;
  if (value instanceof DuckDBTimestampNanosecondsValue) return value.nanos / 1_000_000n;
  return undefined;
}

function bigIntegerToJson(value: DuckDBValue): number | string {
  const n = typeof value === 'bigint' ? value : BigInt(String(value));
  return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : String(n);
}

/** The value of a JSON column: its text parsed, or the text itself if DuckDB held something else. */
export function parseJson(value: Json | null | undefined): Json {
  if (typeof value !== 'string') return value ?? null;
  try {
    return JSON.parse(value) as Json;
  } catch {
    return value;
  }
}

function mapToJson(value: DuckDBValue, type: DuckDBType, converter: DuckDBValueConverter<Json>): Json {
  const entries = JsonDuckDBValueConverter(value, type, converter) as Array<{ key: Json; value: Json }>;
  if (!entries.every((e) => typeof e.key === 'string')) return entries;
  return Object.fromEntries(entries.map((e) => [e.key as string, e.value]));
}
