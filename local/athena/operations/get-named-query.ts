import type { Operation } from '../context';
import { invalidRequest } from '../errors';
import { LIMITS, requiredString } from '../validate';

export const getNamedQuery: Operation = ({ namedQueries }, input) => {
  const id = requiredString(input, 'NamedQueryId', LIMITS.id);
  const query = namedQueries.get(id);
  if (!query) throw invalidRequest(`NamedQuery ${id} was not found`);
  return { NamedQuery: query };
};
