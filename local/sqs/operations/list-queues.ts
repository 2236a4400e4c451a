import { optionalInteger, queueUrlOf, type SqsOperation } from '../context';
import { invalidParameter } from '../errors';

/** ListQueues: every local queue whose name starts with QueueNamePrefix. */
export const listQueues: SqsOperation = (context, input) => {
  const prefix = input.QueueNamePrefix ?? '';
  if (typeof prefix !== 'string') throw invalidParameter('Value for parameter QueueNamePrefix is invalid.');
  const max = optionalInteger(input, 'MaxResults', 1, 1000) ?? 1000;
  const urls = [...context.queues.keys()]
    .filter((name) => name.startsWith(prefix))
    .sort()
    .slice(0, max)
    .map((name) => queueUrlOf(context, name));
  return urls.length ? { QueueUrls: urls } : {};
};
