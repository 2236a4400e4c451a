import { DuckDBTypeId, type DuckDBType } from '@duckdb/node-api';

/**
 * DuckDB result types as Athena names them: the `Type` of ColumnInfo (Trino's names, nested
 * types by their base name only, as Athena reports them) and Hive/Glue type strings for
 * DESCRIBE and SHOW CREATE.
 */

export type AthenaColumnType = {
  type: string;
  precision: number;
  scale: number;
  caseSensitive: boolean;
};

const VARCHAR_PRECISION = 2_147_483_647;

function column(type: string, precision = 0, scale = 0, caseSensitive = false): AthenaColumnType {
  return { type, precision, scale, caseSensitive };
}

export function athenaColumnType(type: DuckDBType): AthenaColumnType {
  if (type.alias?.toUpperCase() === 'JSON') return column('json', VARCHAR_PRECISION, 0, true);
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return column('boolean');
    case DuckDBTypeId.TINYINT:
      return column('tinyint', 3);
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.UTINYINT:
      return column('smallint', 5);
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.USMALLINT:
      return column('integer', 10);
    // DuckDB widens sum() and count_if() to HUGEINT; Trino keeps them bigint.
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.HUGEINT:
      return column('bigint', 19);
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.UHUGEINT:
    case DuckDBTypeId.BIGNUM:
      return column('decimal', 38, 0);
    case DuckDBTypeId.FLOAT:
      return column('float', 17);
    case DuckDBTypeId.DOUBLE:
      return column('double', 17);
    case DuckDBTypeId.DECIMAL:
      return column('decimal', type.width, type.scale);
    case DuckDBTypeId.VARCHAR:
    case DuckDBTypeId.ENUM:
    case DuckDBTypeId.STRING_LITERAL:
      return column('varchar', VARCHAR_PRECISION, 0, true);
    case DuckDBTypeId.BLOB:
    case DuckDBTypeId.BIT:
      return column('varbinary', 1_073_741_824);
    case DuckDBTypeId.DATE:
      return column('date');
    case DuckDBTypeId.TIME:
    case DuckDBTypeId.TIME_NS:
      return column('time', 3);
    case DuckDBTypeId.TIME_TZ:
      return column('time with time zone', 3);
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
      return column('timestamp', 3);
    case DuckDBTypeId.TIMESTAMP_TZ:
      return column('timestamp with time zone', 3);
    case DuckDBTypeId.INTERVAL:
      return column('interval day to second');
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY:
      return column('array');
    case DuckDBTypeId.STRUCT:
      return column('row');
    case DuckDBTypeId.MAP:
      return column('map');
    case DuckDBTypeId.UUID:
      return column('uuid');
    case DuckDBTypeId.INTEGER_LITERAL:
      return column('integer', 10);
    case DuckDBTypeId.SQLNULL:
      return column('unknown');
    default:
      return column('varchar', VARCHAR_PRECISION, 0, true);
  }
}

/** The Hive type string Glue stores for a column (`string`, `array<struct<…>>`). */
export function hiveTypeName(type: DuckDBType): string {
  if (type.alias?.toUpperCase() === 'JSON') return 'string';
  switch (type.typeId) {
    case DuckDBTypeId.VARCHAR:
    case DuckDBTypeId.ENUM:
    case DuckDBTypeId.UUID:
      return 'string';
    case DuckDBTypeId.BLOB:
      return 'binary';
    case DuckDBTypeId.DECIMAL:
      return `decimal(${type.width},${type.scale})`;
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UINTEGER:
      return 'bigint';
    case DuckDBTypeId.TIMESTAMP_TZ:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
      return 'timestamp';
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY:
      return `array<${hiveTypeName(type.valueType)}>`;
    case DuckDBTypeId.STRUCT:
      return `struct<${type.entryNames.map((name, i) => `${name}:${hiveTypeName(type.entryTypes[i] as DuckDBType)}`).join(',')}>`;
    case DuckDBTypeId.MAP:
      return `map<${hiveTypeName(type.keyType)},${hiveTypeName(type.valueType)}>`;
    default: {
      const athena = athenaColumnType(type).type;
      return athena === 'varchar' ? 'string' : athena;
    }
  }
}
