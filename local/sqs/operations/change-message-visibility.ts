import { optionalInteger, queueOf, requiredString, type SqsOperation } from '../context';
import { missingParameter, receiptHandleIsInvalid } from '../errors';

/** ChangeMessageVisibility: 0 makes a received message visible again at once. */
export const changeMessageVisibility: SqsOperation = (context, input) => {
  const queue = queueOf(context, input);
  const receipt = requiredString(input, 'ReceiptHandle');
  const timeout = optionalInteger(input, 'VisibilityTimeout', 0, 43_200);
  if (timeout === undefined) throw missingParameter('VisibilityTimeout');
  if (!queue.changeVisibility(receipt, timeout)) throw receiptHandleIsInvalid(receipt);
  return {};
};
