import 'server-only';
import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { getSqsClient } from '@/lib/aws/sqs';
import { getConfig } from '@/lib/config';
import { ordersPipe } from '@/lib/resources';
import { parseDeadLetter, type DeadLetterView } from './dead-letter';
import { PipelineSourceUnavailable } from './errors';

export type { DeadLetterView } from './dead-letter';

/** The pipe's dead-letter queue as infra/ names it (a stage prefix is added there; use PIPE_DLQ_URL). */
export const PIPE_DLQ_NAME = `${ordersPipe.name}-dlq`;

export type DeadLetters = {
  queueUrl: string;
  /** ApproximateNumberOfMessages (+ NotVisible: being received by someone else right now). */
  visible: number;
  inFlight: number;
  samples: DeadLetterView[];
};

export type ListDeadLettersOptions = { limit?: number; client?: SQSClient; queueUrl?: string };

const resolved = new WeakMap<SQSClient, Promise<string>>();

/** PIPE_DLQ_URL on AWS; locally it is unset and the queue is looked up by name. */
export function resolveDeadLetterQueueUrl(client: SQSClient): Promise<string> {
  const configured = getConfig().pipeDeadLetterQueueUrl;
  if (configured) return Promise.resolve(configured);
  let url = resolved.get(client);
  if (!url) {
    url = client.send(new GetQueueUrlCommand({ QueueName: PIPE_DLQ_NAME })).then((r) => r.QueueUrl!);
    url.catch(() => resolved.delete(client));
    resolved.set(client, url);
  }
  return url;
}

/**
 * Counts and samples of the pipe's dead-letter queue through the SQS API. Samples are received with
 * VisibilityTimeout 0, so they stay in the queue for whoever redrives it (on AWS this still
 * raises each message's ApproximateReceiveCount).
 */
export async function listDeadLetters(options: ListDeadLettersOptions = {}): Promise<DeadLetters> {
  const client = options.client ?? getSqsClient();
  const limit = Math.max(0, Math.min(options.limit ?? 5, 10));
  try {
    const queueUrl = options.queueUrl ?? (await resolveDeadLetterQueueUrl(client));
    const { Attributes = {} } = await client.send(
      new GetQueueAttributesCommand({
        QueueUrl: queueUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    const visible = Number(Attributes.ApproximateNumberOfMessages ?? 0);
    const inFlight = Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0);
    let samples: DeadLetterView[] = [];
    if (limit > 0 && visible > 0) {
      const { Messages = [] } = await client.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: limit,
          VisibilityTimeout: 0,
          WaitTimeSeconds: 0,
          MessageSystemAttributeNames: ['SentTimestamp', 'ApproximateReceiveCount'],
        }),
      );
      samples = Messages.map((m) =>
        parseDeadLetter({
          messageId: m.MessageId ?? 'unknown',
          body: m.Body ?? '',
          sentTimestamp: m.Attributes?.SentTimestamp,
          receiveCount: m.Attributes?.ApproximateReceiveCount,
        }),
      ).sort((a, b) => (b.sentAt ?? '').localeCompare(a.sentAt ?? ''));
    }
    return { queueUrl, visible, inFlight, samples };
  } catch (error) {
    throw new PipelineSourceUnavailable('dead-letter queue (SQS)', { cause: error });
  }
}
