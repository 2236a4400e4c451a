import type { Operation } from '../context';
import { DEFAULT_REUSE_MINUTES, MAX_REUSE_MINUTES } from '../result-reuse';
import { LIMITS, optionalInteger, optionalObject, optionalString, requiredString, stringList } from '../validate';
import { parseS3Location } from '../work-groups';

/**
 * StartQueryExecution: validates, records the query as QUEUED and returns its id at once; the
 * query runs when an engine connection is free. A repeated ClientRequestToken returns the first
 * id (or InvalidRequestException when the parameters differ). ResultReuseByAgeConfiguration is
 * honoured (result-reuse.ts).
 */
export const startQueryExecution: Operation = ({ executions, workGroups }, input) => {
  const queryString = requiredString(input, 'QueryString', LIMITS.queryString);
  const clientRequestToken = optionalString(input, 'ClientRequestToken', LIMITS.clientRequestToken);
  const context = optionalObject(input, 'QueryExecutionContext') ?? {};
  const database = optionalString(context, 'Database', LIMITS.database);
  const catalogName = optionalString(context, 'Catalog', LIMITS.catalog);
  const workGroup = workGroups.resolve(optionalString(input, 'WorkGroup', LIMITS.workGroup));
  const executionParameters = stringList(input, 'ExecutionParameters', {
    required: false,
    minItems: 1,
    maxItems: 1000,
    item: LIMITS.executionParameter,
  });
  const resultConfiguration = optionalObject(input, 'ResultConfiguration') ?? {};
  const outputLocation = optionalString(resultConfiguration, 'OutputLocation', { min: 1, max: 1024 });
  if (outputLocation !== undefined) parseS3Location(outputLocation);
  const reuse = optionalObject(optionalObject(input, 'ResultReuseConfiguration') ?? {}, 'ResultReuseByAgeConfiguration');
  const reuseEnabled = reuse?.Enabled === true;
  const maxAgeMinutes = reuse ? optionalInteger(reuse, 'MaxAgeInMinutes', { min: 0, max: MAX_REUSE_MINUTES }) : undefined;
  const id = executions.start({
    queryString,
    database,
    catalog: catalogName,
    workGroup,
    executionParameters,
    clientRequestToken,
    outputLocation,
    resultReuseMinutes: reuseEnabled ? (maxAgeMinutes ?? DEFAULT_REUSE_MINUTES) : undefined,
  });
  return { QueryExecutionId: id };
};
