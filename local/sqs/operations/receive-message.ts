import { optionalInteger, optionalStringList, queueOf, type SqsOperation } from '../context';
import { DEFAULT_VISIBILITY_TIMEOUT_SECONDS } from '../queue';

const LONG_POLL_STEP_MS = 200;

const wait = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });

/**
 * ReceiveMessage: up to 10 visible messages, oldest first, each hidden for VisibilityTimeout
 * seconds (0 = peek). WaitTimeSeconds long-polls the directory.
 */
export const receiveMessage: SqsOperation = async (context, input) => {
  const queue = queueOf(context, input);
  const max = optionalInteger(input, 'MaxNumberOfMessages', 1, 10) ?? 1;
  const visibility = optionalInteger(input, 'VisibilityTimeout', 0, 43_200) ?? DEFAULT_VISIBILITY_TIMEOUT_SECONDS;
  const waitSeconds = optionalInteger(input, 'WaitTimeSeconds', 0, 20) ?? 0;
  const names = [
    ...(optionalStringList(input, 'AttributeNames') ?? []),
    ...(optionalStringList(input, 'MessageSystemAttributeNames') ?? []),
  ];
  const wants = (name: string) => names.includes('All') || names.includes(name);
  const deadline = Date.now() + waitSeconds * 1000;
  let messages = await queue.receive(max, visibility);
  while (!messages.length && Date.now() < deadline && !context.signal.aborted) {
    await wait(Math.min(LONG_POLL_STEP_MS, deadline - Date.now()), context.signal);
    messages = await queue.receive(max, visibility);
  }
  if (!messages.length) return {};
  return {
    Messages: messages.map((m) => {
      const attributes: Record<string, string> = {};
      if (wants('SentTimestamp')) attributes.SentTimestamp = String(m.sentTimestamp);
      if (wants('ApproximateReceiveCount')) attributes.ApproximateReceiveCount = String(m.receiveCount);
      if (wants('ApproximateFirstReceiveTimestamp')) attributes.ApproximateFirstReceiveTimestamp = String(m.firstReceived);
      if (wants('SenderId')) attributes.SenderId = 'pipes.amazonaws.com';
      return {
        MessageId: m.messageId,
        ReceiptHandle: m.receipt,
        MD5OfBody: m.md5OfBody,
        Body: m.body,
        ...(Object.keys(attributes).length ? { Attributes: attributes } : {}),
      };
    }),
  };
};
