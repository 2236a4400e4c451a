import {
  DuckDBBlobValue,
  DuckDBDateValue,
  DuckDBIntervalValue,
  DuckDBListValue,
  DuckDBArrayValue,
  DuckDBMapValue,
  DuckDBStructValue,
  DuckDBTimeValue,
  DuckDBTimestampMillisecondsValue,
  DuckDBTimestampNanosecondsValue,
  DuckDBTimestampSecondsValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  DuckDBTypeId,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';

/**
 * DuckDB values as the strings Athena puts in VarCharValue and in its CSV: Trino's rendering
 * (timestamps with milliseconds, doubles as Java prints them, arrays as `[a, b]`, rows as
 * `{name=value}`), and null for SQL NULL.
 */

export type Formatter = (value: DuckDBValue) => string | null;

const pad = (n: number | bigint, width: number) => String(n).padStart(width, '0');

/** Floor division for bigint, so instants before 1970 format correctly. */
function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/** `YYYY-MM-DD HH:MM:SS.mmm` for microseconds since the epoch (Trino's timestamp(3)). */
export function formatTimestampMicros(micros: bigint): string {
  const millis = floorDiv(micros, 1000n);
  const date = new Date(Number(millis));
  if (Number.isNaN(date.getTime())) return String(micros);
  const year = date.getUTCFullYear();
  const yearText = year < 0 ? `-${pad(-year, 4)}` : pad(year, 4);
  return (
    `${yearText}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)} ` +
    `${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}.${pad(date.getUTCMilliseconds(), 3)}`
  );
}

function formatTimeMicros(micros: bigint): string {
  const ms = Number(floorDiv(micros, 1000n));
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor(ms / 60_000) % 60;
  const s = Math.floor(ms / 1000) % 60;
  return `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}.${pad(ms % 1000, 3)}`;
}

/** A double the way Java's Double.toString prints it, which is what Athena returns. */
export function formatDouble(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    const text = String(value);
    return text.includes('.') || text.includes('e') ? text : `${text}.0`;
  }
  const [mantissa, exponent] = value.toExponential().split('e') as [string, string];
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${exponent.replace('+', '')}`;
}

/** A float (real) the way Java's Float.toString prints it: the shortest digits that round-trip. */
export function formatFloat(value: number): string {
  if (!Number.isFinite(value) || value === 0) return formatDouble(value);
  const single = Math.fround(value);
  for (let digits = 1; digits <= 9; digits++) {
    const candidate = Number(single.toPrecision(digits));
    if (Math.fround(candidate) === single) return formatDouble(candidate);
  }
  return formatDouble(single);
}

function formatInterval(value: DuckDBIntervalValue): string {
  const { months, days, micros } = value;
  if (days === 0 && micros === 0n)
    return `${months < 0 ? '-' : ''}${Math.floor(Math.abs(months) / 12)}-${Math.abs(months) % 12}`;
  const negative = micros < 0n;
  const time = formatTimeMicros(negative ? -micros : micros);
  const monthsPart = months === 0 ? '' : `${months} months `;
  return `${monthsPart}${days} ${negative ? '-' : ''}${time}`;
}

function formatBlob(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}

/** A formatter for one column type; nested values render like Trino's varchar casts of them. */
export function formatterFor(type: DuckDBType): Formatter {
  const nested = (inner: DuckDBType): ((value: DuckDBValue) => string) => {
    const format = formatterFor(inner);
    return (value) => format(value) ?? 'null';
  };
  switch (type.typeId) {
    case DuckDBTypeId.DOUBLE:
      return (v) => (v === null ? null : formatDouble(Number(v)));
    case DuckDBTypeId.FLOAT:
      return (v) => (v === null ? null : formatFloat(Number(v)));
    case DuckDBTypeId.BOOLEAN:
      return (v) => (v === null ? null : v ? 'true' : 'false');
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
      return (v) => (v === null ? null : formatTimestampValue(v));
    case DuckDBTypeId.TIMESTAMP_TZ:
      return (v) =>
        v === null
          ? null
          : v instanceof DuckDBTimestampTZValue && v.isFinite
            ? `${formatTimestampMicros(v.micros)} UTC`
            : String(v);
    case DuckDBTypeId.DATE:
      return (v) => (v === null ? null : v instanceof DuckDBDateValue ? v.toString() : String(v));
    case DuckDBTypeId.TIME:
      return (v) =>
        v === null ? null : v instanceof DuckDBTimeValue ? formatTimeMicros(v.micros) : String(v);
    case DuckDBTypeId.INTERVAL:
      return (v) => (v === null ? null : v instanceof DuckDBIntervalValue ? formatInterval(v) : String(v));
    case DuckDBTypeId.BLOB:
      return (v) => (v === null ? null : v instanceof DuckDBBlobValue ? formatBlob(v.bytes) : String(v));
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY: {
      const item = nested(type.valueType);
      return (v) =>
        v === null
          ? null
          : v instanceof DuckDBListValue || v instanceof DuckDBArrayValue
            ? `[${v.items.map(item).join(', ')}]`
            : String(v);
    }
    case DuckDBTypeId.STRUCT: {
      const fields = type.entryNames.map((name, i) => ({
        name,
        format: nested(type.entryTypes[i] as DuckDBType),
      }));
      return (v) =>
        v === null
          ? null
          : v instanceof DuckDBStructValue
            ? `{${fields.map((f) => `${f.name}=${f.format(v.entries[f.name] ?? null)}`).join(', ')}}`
            : String(v);
    }
    case DuckDBTypeId.MAP: {
      const key = nested(type.keyType);
      const val = nested(type.valueType);
      return (v) =>
        v === null
          ? null
          : v instanceof DuckDBMapValue
            ? `{${v.entries.map((e) => `${key(e.key)}=${val(e.value)}`).join(', ')}}`
            : String(v);
    }
    default:
      return (v) => (v === null ? null : String(v));
  }
}

function formatTimestampValue(v: DuckDBValue): string {
  if (v instanceof DuckDBTimestampValue) return v.isFinite ? formatTimestampMicros(v.micros) : String(v);
  if (v instanceof DuckDBTimestampSecondsValue) return formatTimestampMicros(v.seconds * 1_000_000n);
  if (v instanceof DuckDBTimestampMillisecondsValue) return formatTimestampMicros(v.millis * 1000n);
  if (v instanceof DuckDBTimestampNanosecondsValue) return formatTimestampMicros(floorDiv(v.nanos, 1000n));
  return String(v);
}
