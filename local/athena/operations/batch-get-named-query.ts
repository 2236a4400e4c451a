import type { Operation } from '../context';
import type { NamedQuery } from '../named-queries';
import { LIMITS, stringList } from '../validate';

/** BatchGetNamedQuery: up to 50 named queries at once; unknown ids come back as unprocessed. */
export const batchGetNamedQuery: Operation = ({ namedQueries }, input) => {
  const ids = stringList(input, 'NamedQueryIds', {
    required: true,
    minItems: 1,
    maxItems: 50,
    item: LIMITS.id,
  }) as string[];
  const found: NamedQuery[] = [];
  const unprocessed: Record<string, unknown>[] = [];
  for (const id of new Set(ids)) {
    const query = namedQueries.get(id);
    if (query) found.push(query);
    else
      unprocessed.push({
        NamedQueryId: id,
        ErrorCode: 'INVALID_INPUT',
        ErrorMessage: `NamedQuery ${id} was not found`,
      });
  }
  return { NamedQueries: found, UnprocessedNamedQueryIds: unprocessed };
};
