import { promises as fs } from 'node:fs';
import path from 'node:path';
import { changeTable, currentView, legacyChangeTable } from '@/lib/analytics/catalog';
import { errorTable, errorTableDdl } from '@/lib/analytics/error-table';
import { catalog } from '@/lib/resources';
import { hiveTypeName } from '../results/types';
import { matchesShowPattern, type CatalogStatement, type TableRef } from '../sql/statement';
import { CATALOG_NAME } from './change-log';
import { DATABASES, type Engine } from './engine';

/**
 * SHOW and DESCRIBE, answered from the catalog definition (lib/analytics/catalog.ts) the way
 * Athena answers them from Glue: Hive type names, one column, no header row, and a `.txt`
 * result file.
 */

export class CatalogStatementError extends Error {}

type Relation = {
  kind: 'table' | 'view';
  columns: { name: string; type: string }[];
  partitionColumns: { name: string; type: string }[];
};

const pad = (text: string) => text.padEnd(20);
const describeLine = (name: string, type: string, comment = '') =>
  `${pad(name)}\t${pad(type)}\t${pad(comment)}`;

type TableDefinition = {
  name: string;
  columns: readonly { name: string; glue: string }[];
  partition: { name: string; glue: string };
  bucket: string;
  prefix: string;
  format: string;
};

/** The tables of the catalog, from their definitions (lib/analytics). */
const TABLES: readonly TableDefinition[] = [changeTable, legacyChangeTable];

function tablesOf(database: string): { name: string; kind: 'table' | 'view' }[] {
  if (database !== catalog.database) return [];
  return [
    ...TABLES.map((t) => ({ name: t.name, kind: 'table' as const })),
    { name: catalog.currentView, kind: 'view' as const },
    { name: errorTable.name, kind: 'table' as const },
  ];
}

function tableDefinition(name: string): TableDefinition {
  const found = TABLES.find((t) => t.name === name);
  if (!found) throw new CatalogStatementError(`TABLE_NOT_FOUND: Table '${name}' does not exist`);
  return found;
}

function checkDatabase(database: string): void {
  if (!(DATABASES as readonly string[]).includes(database))
    throw new CatalogStatementError(`SCHEMA_NOT_FOUND: Schema '${database}' does not exist`);
}

async function relation(
  engine: Engine,
  ref: TableRef,
  contextDatabase: string,
): Promise<{ database: string; name: string; relation: Relation }> {
  if (ref.catalog !== undefined && ref.catalog !== CATALOG_NAME)
    throw new CatalogStatementError(`CATALOG_NOT_FOUND: Catalog '${ref.catalog}' does not exist`);
  const database = ref.database ?? contextDatabase;
  checkDatabase(database);
  const found = tablesOf(database).find((t) => t.name === ref.name);
  if (!found)
    throw new CatalogStatementError(
      `TABLE_NOT_FOUND: Table '${CATALOG_NAME}.${database}.${ref.name}' does not exist`,
    );
  if (found.name === errorTable.name) {
    const columns = (list: readonly { name: string; glue: string }[]) => list.map((c) => ({ name: c.name, type: c.glue }));
    const partitionColumns = columns(errorTable.partitions);
    return { database, name: found.name, relation: { kind: 'table', columns: columns(errorTable.columns), partitionColumns } };
  }
  if (found.kind === 'table') {
    const table = tableDefinition(found.name);
    return {
      database,
      name: found.name,
      relation: {
        kind: 'table',
        columns: table.columns.map((c) => ({ name: c.name, type: c.glue })),
        partitionColumns: [{ name: table.partition.name, type: table.partition.glue }],
      },
    };
  }
  const columns = await engine.withConnection(async (connection) => {
    const prepared = await connection.prepare(
      `SELECT * FROM "${CATALOG_NAME}"."${database}"."${found.name}" LIMIT 0`,
    );
    try {
      return Array.from({ length: prepared.columnCount }, (_, i) => ({
        name: prepared.columnName(i),
        type: hiveTypeName(prepared.columnType(i)),
      }));
    } finally {
      prepared.destroySync();
    }
  });
  return { database, name: found.name, relation: { kind: 'view', columns, partitionColumns: [] } };
}

/** The SerDe and formats Glue records for a table of this classification. */
function storageClauses(format: string): string[] {
  if (format === 'parquet')
    return [
      'ROW FORMAT SERDE ',
      "  'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' ",
      'STORED AS INPUTFORMAT ',
      "  'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat' ",
      'OUTPUTFORMAT ',
      "  'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat'",
    ];
  return [
    'ROW FORMAT SERDE ',
    "  'org.openx.data.jsonserde.JsonSerDe' ",
    'STORED AS INPUTFORMAT ',
    "  'org.apache.hadoop.mapred.TextInputFormat' ",
    'OUTPUTFORMAT ',
    "  'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'",
  ];
}

function showCreateTable(database: string, name: string, rel: Relation): string[] {
  const table = tableDefinition(name);
  const columns = rel.columns.map(
    (c, i) => `  \`${c.name}\` ${c.type}${i < rel.columns.length - 1 ? ', ' : ')'}`,
  );
  return [
    `CREATE EXTERNAL TABLE \`${database}\`.\`${name}\`(`,
    ...columns,
    'PARTITIONED BY ( ',
    ...rel.partitionColumns.map((c) => `  \`${c.name}\` ${c.type})`),
    ...storageClauses(table.format),
    'LOCATION',
    `  's3://${table.bucket}/${table.prefix.replace(/\/$/, '')}'`,
  ];
}

/** The rows (one value each) and the column name Athena gives the statement's result. */
export async function catalogStatementRows(
  engine: Engine,
  statement: CatalogStatement,
  contextDatabase: string,
): Promise<{ column: string; rows: string[] }> {
  switch (statement.kind) {
    case 'show-databases':
      return {
        column: 'database_name',
        rows: DATABASES.filter((d) => matchesShowPattern(d, statement.pattern)),
      };
    case 'show-tables':
    case 'show-views': {
      const database = statement.database ?? contextDatabase;
      checkDatabase(database);
      const wanted = tablesOf(database).filter((t) => statement.kind === 'show-tables' || t.kind === 'view');
      return {
        column: statement.kind === 'show-tables' ? 'tab_name' : 'views',
        rows: wanted.map((t) => t.name).filter((n) => matchesShowPattern(n, statement.pattern)).sort(),
      };
    }
    case 'show-columns': {
      const { relation: rel } = await relation(engine, statement.table, contextDatabase);
      return { column: 'field', rows: [...rel.columns, ...rel.partitionColumns].map((c) => pad(c.name)) };
    }
    case 'show-partitions': {
      const { name, relation: rel } = await relation(engine, statement.table, contextDatabase);
      if (rel.partitionColumns.length === 0)
        throw new CatalogStatementError(`NOT_SUPPORTED: ${statement.table.name} is not a partitioned table`);
      if (name === errorTable.name) {
        await engine.errorLog.refresh();
        return { column: 'partition', rows: engine.errorLog.partitions() };
      }
      await engine.changeLog.refresh();
      const source = name === legacyChangeTable.name ? 'legacy' : 'typed';
      return {
        column: 'partition',
        rows: [...engine.changeLog.partitions(source).keys()].sort().map((dt) => `dt=${dt}`),
      };
    }
    case 'show-create': {
      const { database, name, relation: rel } = await relation(engine, statement.table, contextDatabase);
      if (statement.object === 'view') {
        if (rel.kind !== 'view')
          throw new CatalogStatementError(`NOT_SUPPORTED: ${name} is a table; use SHOW CREATE TABLE`);
        return {
          column: 'Create View',
          rows: [`CREATE VIEW ${database}.${name} AS`, ...currentView.sql.split('\n')],
        };
      }
      if (rel.kind !== 'table')
        throw new CatalogStatementError(`NOT_SUPPORTED: ${name} is a view; use SHOW CREATE VIEW`);
      if (name === errorTable.name) return { column: 'createtab_stmt', rows: errorTableDdl().split('\n') };
      return { column: 'createtab_stmt', rows: showCreateTable(database, name, rel) };
    }
    case 'describe': {
      const { relation: rel } = await relation(engine, statement.table, contextDatabase);
      const rows = rel.columns.map((c) => describeLine(c.name, c.type));
      if (rel.partitionColumns.length > 0) {
        rows.push(
          describeLine('', '', ''),
          describeLine('# Partition Information', '', ''),
          describeLine('# col_name', 'data_type', 'comment'),
        );
        rows.push(describeLine('', '', ''), ...rel.partitionColumns.map((c) => describeLine(c.name, c.type)));
      }
      return { column: 'col_name', rows };
    }
  }
}

/** Writes a `.txt` result: one line per row, as Athena does for DDL. */
export async function writeTextResult(file: string, rows: readonly string[]): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.tmp`;
  await fs.writeFile(temporary, rows.map((r) => `${r.replaceAll('\n', ' ')}\n`).join(''));
  await fs.rename(temporary, file);
}
