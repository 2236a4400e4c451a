import { queueUrlOf, requiredString, type SqsOperation } from '../context';
import { queueDoesNotExist } from '../errors';

/** GetQueueUrl: resolves a queue by name (the local account only). */
export const getQueueUrl: SqsOperation = (context, input) => {
  const name = requiredString(input, 'QueueName');
  if (!context.queues.has(name)) throw queueDoesNotExist();
  return { QueueUrl: queueUrlOf(context, name) };
};
