import type { Operation } from '../context';
import { invalidRequest } from '../errors';
import { LIMITS, optionalString, requiredString } from '../validate';

/** CreateNamedQuery: saves a query (persisted); a repeated ClientRequestToken returns the first id. */
export const createNamedQuery: Operation = async ({ namedQueries, workGroups }, input) => {
  const Name = requiredString(input, 'Name', LIMITS.namedQueryName);
  const Description = optionalString(input, 'Description', LIMITS.description);
  const Database = requiredString(input, 'Database', LIMITS.database);
  const QueryString = requiredString(input, 'QueryString', LIMITS.queryString);
  const ClientRequestToken = optionalString(input, 'ClientRequestToken', LIMITS.clientRequestToken);
  const WorkGroup = workGroups.resolve(optionalString(input, 'WorkGroup', LIMITS.workGroup)).name;
  if (ClientRequestToken) {
    const existing = namedQueries.byToken(ClientRequestToken);
    if (existing) {
      const same =
        existing.Name === Name &&
        (existing.Description ?? '') === (Description ?? '') &&
        existing.Database === Database &&
        existing.QueryString === QueryString &&
        existing.WorkGroup === WorkGroup;
      if (!same)
        throw invalidRequest(
          'Idempotent parameters do not match: this ClientRequestToken was used for a different named query',
        );
      return { NamedQueryId: existing.NamedQueryId };
    }
  }
  const created = await namedQueries.create({
    Name,
    Description,
    Database,
    QueryString,
    WorkGroup,
    ClientRequestToken,
  });
  return { NamedQueryId: created.NamedQueryId };
};
