import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CHANGE_ROW_COLUMNS } from '@/lib/cdc/change-row';

/**
 * Firehose's record format conversion, locally: change rows (the JSON the transform emits) become
 * Snappy-compressed Parquet with the Glue table's schema (lib/cdc/change-row.ts), `items` a list
 * of structs. Athena then bills only the column chunks a query reads.
 */

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** COPY of a newline-delimited JSON file of change rows into a Snappy Parquet file. */
export function copyChangeRowsToParquetSql(
  source: string,
  target: string,
  schema: readonly { name: string; duckdb: string }[] = CHANGE_ROW_COLUMNS,
): string {
  const columns = schema.map((c) => `${literal(c.name)}: ${literal(c.duckdb)}`).join(', ');
  const names = schema.map((c) => quote(c.name)).join(', ');
  return `COPY (SELECT ${names} FROM read_json(${literal(source)}, format = 'newline_delimited',
      columns = {${columns}}, maximum_object_size = 16777216))
    TO ${literal(target)} (FORMAT parquet, COMPRESSION snappy)`;
}

export type ParquetEncoder = {
  /** Rows as JSON text (one row per line, newline-terminated or not) to a Parquet object body. */
  encode: (rows: readonly string[]) => Promise<Uint8Array>;
  close: () => void;
};

/** An in-memory DuckDB that converts batches one at a time, staging files under `workDir`. */
export function createParquetEncoder(
  workDir: string,
  schema: readonly { name: string; duckdb: string }[] = CHANGE_ROW_COLUMNS,
): ParquetEncoder {
  let ready: Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }> | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  const open = () => {
    ready ??= (async () => {
      const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
      return { instance, connection: await instance.connect() };
    })();
    return ready;
  };

  async function encodeNow(rows: readonly string[]): Promise<Uint8Array> {
    const { connection } = await open();
    await mkdir(workDir, { recursive: true });
    const id = randomUUID();
    const source = path.join(workDir, `${id}.json`);
    const target = path.join(workDir, `${id}.parquet`);
    try {
      await writeFile(source, rows.map((r) => (r.endsWith('\n') ? r : `${r}\n`)).join(''));
      await connection.run(copyChangeRowsToParquetSql(source, target, schema));
      return new Uint8Array(await readFile(target));
    } finally {
      await Promise.all([rm(source, { force: true }), rm(target, { force: true })]);
    }
  }

  return {
    encode(rows) {
      const result = queue.then(() => encodeNow(rows));
      queue = result.catch(() => undefined);
      return result;
    },
    close() {
      const opened = ready;
      ready = undefined;
      void opened?.then(({ instance, connection }) => {
        connection.closeSync();
        instance.closeSync();
      });
    },
  };
}
