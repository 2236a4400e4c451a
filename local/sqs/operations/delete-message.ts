import { queueOf, requiredString, type SqsOperation } from '../context';
import { receiptHandleIsInvalid } from '../errors';

/** DeleteMessage: removes the message's file; a handle of an already deleted message succeeds. */
export const deleteMessage: SqsOperation = async (context, input) => {
  const queue = queueOf(context, input);
  const receipt = requiredString(input, 'ReceiptHandle');
  if (!(await queue.delete(receipt))) throw receiptHandleIsInvalid(receipt);
  return {};
};
