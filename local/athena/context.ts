import type { QueryExecutions } from './executions';
import type { NamedQueryStore } from './named-queries';
import type { Input } from './validate';
import type { WorkGroups } from './work-groups';

/** What every operation handler can reach. */
export type FacadeContext = {
  dataDir: string;
  executions: QueryExecutions;
  namedQueries: NamedQueryStore;
  workGroups: WorkGroups;
};

/** One API operation: validated input in, the response body out (or an AthenaApiError thrown). */
export type Operation = (
  context: FacadeContext,
  input: Input,
) => Promise<Record<string, unknown>> | Record<string, unknown>;
