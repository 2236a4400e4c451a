import type { Operation } from '../context';
import { invalidRequest } from '../errors';
import { LIMITS, requiredString } from '../validate';

export const deleteNamedQuery: Operation = async ({ namedQueries }, input) => {
  const id = requiredString(input, 'NamedQueryId', LIMITS.id);
  if (!(await namedQueries.delete(id))) throw invalidRequest(`NamedQuery ${id} was not found`);
  return {};
};
