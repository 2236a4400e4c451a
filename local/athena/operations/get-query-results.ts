import type { Operation } from '../context';
import { invalidRequest } from '../errors';
import { readResultPage } from '../results/read-page';
import { decodeToken, encodeToken } from '../tokens';
import { LIMITS, optionalInteger, optionalString, requiredString } from '../validate';

type ResultToken = { q: string; o: number };

const isResultToken = (value: unknown): value is ResultToken => {
  const t = value as Partial<ResultToken> | null;
  return (
    typeof t === 'object' &&
    t !== null &&
    typeof t.q === 'string' &&
    typeof t.o === 'number' &&
    Number.isInteger(t.o) &&
    t.o >= 0
  );
};

/**
 * GetQueryResults: pages through the result file. The first page of a SELECT starts with the
 * header row (it counts towards MaxResults, as in Athena); SHOW/DESCRIBE results have none.
 * Every value is a VarCharValue string and NULL an empty Datum.
 */
export const getQueryResults: Operation = async ({ executions }, input) => {
  const id = requiredString(input, 'QueryExecutionId', LIMITS.id);
  const maxResults = optionalInteger(input, 'MaxResults', { min: 1, max: 1000 }) ?? 1000;
  const nextToken = optionalString(input, 'NextToken', LIMITS.nextToken);
  const resultType = optionalString(input, 'QueryResultType', { values: ['DATA_ROWS', 'DATA_MANIFEST'] });
  const record = executions.get(id);
  if (!record) throw invalidRequest(`QueryExecution ${id} was not found`);
  if (resultType === 'DATA_MANIFEST')
    throw invalidRequest('QueryResultType DATA_MANIFEST is only available for UNLOAD queries');
  if (record.state === 'QUEUED' || record.state === 'RUNNING')
    throw invalidRequest(`Query has not yet finished. Current state: ${record.state}`);
  if (record.state !== 'SUCCEEDED') {
    throw invalidRequest(
      `Query did not finish successfully. Final query state: ${record.state}${record.stateChangeReason ? `. ${record.stateChangeReason}` : ''}`,
    );
  }
  let offset = 0;
  if (nextToken) {
    const token = decodeToken(nextToken, isResultToken);
    if (token.q !== id) throw invalidRequest('The NextToken belongs to another query execution');
    offset = token.o;
  }
  let page;
  try {
    page = await readResultPage(record.resultFile, record.resultFormat, offset, maxResults);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw invalidRequest(`The result file ${record.outputUri} no longer exists`);
    throw error;
  }
  return {
    UpdateCount: 0,
    ResultSet: {
      Rows: page.records.map((cells) => ({
        Data: cells.map((value) => (value === null ? {} : { VarCharValue: value })),
      })),
      ResultSetMetadata: {
        ColumnInfo: (record.columns ?? []).map((c) => ({
          CatalogName: 'hive',
          SchemaName: '',
          TableName: '',
          Name: c.name,
          Label: c.name,
          Type: c.type,
          Precision: c.precision,
          Scale: c.scale,
          Nullable: 'UNKNOWN',
          CaseSensitive: c.caseSensitive,
        })),
      },
    },
    ...(page.nextOffset !== undefined ? { NextToken: encodeToken({ q: id, o: page.nextOffset }) } : {}),
  };
};
