import { promises as fs } from 'node:fs';
import path from 'node:path';
import { changeTable, currentView } from '@/lib/analytics/catalog';
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

function tablesOf(database: string): { name: string; kind: 'table' | 'view' }[] {
  if (database !== catalog.database) return [];
  return [
    { name: catalog.changeTable, kind: 'table' as const },
    { name: catalog.currentView, kind: 'view' as const },
  ];
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
  if (found.kind === 'table') {
    return {
      database,
      name: found.name,
      relation: {
        kind: 'table',
        columns: changeTable.columns.map((c) => ({ name: c.name, type: c.glue })),
        partitionColumns: [{ name: changeTable.partition.name, type: changeTable.partition.glue }],
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

function showCreateTable(database: string, name: string, rel: Relation): string[] {
  const columns = rel.columns.map(
    (c, i) => `  \`${c.name}\` ${c.type}${i < rel.columns.length - 1 ? ', ' : ')'}`,
  );
  return [
    `CREATE EXTERNAL TABLE \`${database}\`.\`${name}\`(`,
    ...columns,
    'PARTITIONED BY ( ',
    ...rel.partitionColumns.map((c) => `  \`${c.name}\` ${c.type})`),
    'ROW FORMAT SERDE ',
    "  'org.openx.data.jsonserde.JsonSerDe' ",
    'STORED AS INPUTFORMAT ',
    "  'org.apache.hadoop.mapred.TextInputFormat' ",
    'OUTPUTFORMAT ',
    "  'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'",
    'LOCATION',
    `  's3://${changeTable.bucket}/${changeTable.prefix.replace(/\/$/, '')}'`,
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
        rows: wanted.map((t) => t.name).filter((n) => matchesShowPattern(n, statement.pattern)),
      };
    }
    case 'show-columns': {
      const { relation: rel } = await relation(engine, statement.table, contextDatabase);
      return { column: 'field', rows: [...rel.columns, ...rel.partitionColumns].map((c) => pad(c.name)) };
    }
    case 'show-partitions': {
      const { relation: rel } = await relation(engine, statement.table, contextDatabase);
      if (rel.partitionColumns.length === 0)
        throw new CatalogStatementError(`NOT_SUPPORTED: ${statement.table.name} is not a partitioned table`);
      await engine.changeLog.refresh();
      return {
        column: 'partition',
        rows: [...engine.changeLog.partitions().keys()].sort().map((dt) => `dt=${dt}`),
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
