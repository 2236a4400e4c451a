import type { SqsOperation } from '../context';
import { changeMessageVisibility } from './change-message-visibility';
import { deleteMessage } from './delete-message';
import { getQueueAttributes } from './get-queue-attributes';
import { getQueueUrl } from './get-queue-url';
import { listQueues } from './list-queues';
import { receiveMessage } from './receive-message';

/** The `AmazonSQS.<Operation>` targets the local SQS serves. */
export const OPERATIONS: Readonly<Record<string, SqsOperation>> = {
  GetQueueUrl: getQueueUrl,
  ListQueues: listQueues,
  GetQueueAttributes: getQueueAttributes,
  ReceiveMessage: receiveMessage,
  DeleteMessage: deleteMessage,
  ChangeMessageVisibility: changeMessageVisibility,
};
