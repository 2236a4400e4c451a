import { optionalStringList, queueArnOf, queueOf, type SqsOperation } from '../context';
import { invalidParameter } from '../errors';
import { DEFAULT_VISIBILITY_TIMEOUT_SECONDS } from '../queue';

const KNOWN = [
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
  'QueueArn',
  'VisibilityTimeout',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'DelaySeconds',
  'ReceiveMessageWaitTimeSeconds',
  'SqsManagedSseEnabled',
] as const;

/** GetQueueAttributes: counts come from the directory at the time of the call. */
export const getQueueAttributes: SqsOperation = async (context, input) => {
  const queue = queueOf(context, input);
  const asked = optionalStringList(input, 'AttributeNames') ?? [];
  const unknown = asked.find((name) => name !== 'All' && !(KNOWN as readonly string[]).includes(name));
  if (unknown) throw invalidParameter(`Unknown Attribute ${unknown}.`);
  const wanted = asked.includes('All') ? KNOWN : KNOWN.filter((name) => asked.includes(name));
  if (!wanted.length) return {};
  const counts = await queue.counts();
  const created = String(Math.floor(queue.createdAt / 1000));
  const all: Record<(typeof KNOWN)[number], string> = {
    ApproximateNumberOfMessages: String(counts.visible),
    ApproximateNumberOfMessagesNotVisible: String(counts.notVisible),
    ApproximateNumberOfMessagesDelayed: '0',
    CreatedTimestamp: created,
    LastModifiedTimestamp: created,
    QueueArn: queueArnOf(context, queue.name),
    VisibilityTimeout: String(DEFAULT_VISIBILITY_TIMEOUT_SECONDS),
    MaximumMessageSize: '262144',
    MessageRetentionPeriod: '1209600',
    DelaySeconds: '0',
    ReceiveMessageWaitTimeSeconds: '0',
    SqsManagedSseEnabled: 'false',
  };
  return { Attributes: Object.fromEntries(wanted.map((name) => [name, all[name]])) };
};
