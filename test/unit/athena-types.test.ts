import {
  BIGINT,
  BOOLEAN,
  DATE,
  DECIMAL,
  DOUBLE,
  FLOAT,
  HUGEINT,
  INTEGER,
  LIST,
  MAP,
  SQLNULL,
  STRUCT,
  TIMESTAMP,
  TIMESTAMPTZ,
  VARCHAR,
  INTERVAL,
  BLOB,
  UUID,
} from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { CHANGE_ROW_COLUMNS } from '@/lib/cdc/change-row';
import { athenaColumnType, hiveTypeName } from '@/local/athena/results/types';

describe('DuckDB types as Athena names them', () => {
  it.each([
    [VARCHAR, 'varchar'],
    [BIGINT, 'bigint'],
    [HUGEINT, 'bigint'],
    [INTEGER, 'integer'],
    [DOUBLE, 'double'],
    [FLOAT, 'float'],
    [BOOLEAN, 'boolean'],
    [DATE, 'date'],
    [TIMESTAMP, 'timestamp'],
    [TIMESTAMPTZ, 'timestamp with time zone'],
    [INTERVAL, 'interval day to second'],
    [BLOB, 'varbinary'],
    [UUID, 'uuid'],
    [SQLNULL, 'unknown'],
    [LIST(VARCHAR), 'array'],
    [STRUCT({ sku: VARCHAR }), 'row'],
    [MAP(VARCHAR, BIGINT), 'map'],
  ])('%s → %s', (type, name) => {
    expect(athenaColumnType(type).type).toBe(name);
  });

  it('gives decimals their precision and scale, and strings their case sensitivity', () => {
    expect(athenaColumnType(DECIMAL(12, 2))).toEqual({
      type: 'decimal',
      precision: 12,
      scale: 2,
      caseSensitive: false,
    });
    expect(athenaColumnType(VARCHAR)).toMatchObject({ precision: 2_147_483_647, caseSensitive: true });
  });

  it('names nested Hive types the way the Glue table declares them', () => {
    const items = CHANGE_ROW_COLUMNS.find((c) => c.name === 'items');
    const type = LIST(
      STRUCT({ sku: VARCHAR, name: VARCHAR, category: VARCHAR, quantity: BIGINT, unit_price_cents: BIGINT }),
    );
    expect(hiveTypeName(type)).toBe(items?.glue);
    expect(hiveTypeName(MAP(VARCHAR, DOUBLE))).toBe('map<string,double>');
    expect(hiveTypeName(DECIMAL(10, 2))).toBe('decimal(10,2)');
    expect(hiveTypeName(BOOLEAN)).toBe('boolean');
  });
});
