import type { Operation } from '../context';
import { batchGetNamedQuery } from './batch-get-named-query';
import { batchGetQueryExecution } from './batch-get-query-execution';
import { createNamedQuery } from './create-named-query';
import { deleteNamedQuery } from './delete-named-query';
import { getNamedQuery } from './get-named-query';
import { getDatabase } from './get-database';
import { getQueryExecution } from './get-query-execution';
import { getQueryResults } from './get-query-results';
import { getTableMetadata } from './get-table-metadata';
import { getWorkGroup } from './get-work-group';
import { listDatabases } from './list-databases';
import { listNamedQueries } from './list-named-queries';
import { listQueryExecutions } from './list-query-executions';
import { listTableMetadata } from './list-table-metadata';
import { listWorkGroups } from './list-work-groups';
import { startQueryExecution } from './start-query-execution';
import { stopQueryExecution } from './stop-query-execution';
import { updateNamedQuery } from './update-named-query';

/** Operations by the name after `AmazonAthena.` in X-Amz-Target. */
export const OPERATIONS: Readonly<Record<string, Operation>> = {
  StartQueryExecution: startQueryExecution,
  GetQueryExecution: getQueryExecution,
  GetQueryResults: getQueryResults,
  StopQueryExecution: stopQueryExecution,
  ListQueryExecutions: listQueryExecutions,
  BatchGetQueryExecution: batchGetQueryExecution,
  CreateNamedQuery: createNamedQuery,
  GetNamedQuery: getNamedQuery,
  ListNamedQueries: listNamedQueries,
  BatchGetNamedQuery: batchGetNamedQuery,
  UpdateNamedQuery: updateNamedQuery,
  DeleteNamedQuery: deleteNamedQuery,
  GetWorkGroup: getWorkGroup,
  ListWorkGroups: listWorkGroups,
  ListDatabases: listDatabases,
  GetDatabase: getDatabase,
  ListTableMetadata: listTableMetadata,
  GetTableMetadata: getTableMetadata,
};
