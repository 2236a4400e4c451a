import type { Operation } from '../context';
import { invalidRequest } from '../errors';
import { LIMITS, optionalString, requiredString } from '../validate';

/** UpdateNamedQuery: replaces name, description and query text (Database and WorkGroup stay). */
export const updateNamedQuery: Operation = async ({ namedQueries }, input) => {
  const id = requiredString(input, 'NamedQueryId', LIMITS.id);
  const Name = requiredString(input, 'Name', LIMITS.namedQueryName);
  const Description = optionalString(input, 'Description', LIMITS.description);
  const QueryString = requiredString(input, 'QueryString', LIMITS.queryString);
  if (!namedQueries.get(id)) throw invalidRequest(`NamedQuery ${id} was not found`);
  await namedQueries.update(id, { Name, Description, QueryString });
  return {};
};
