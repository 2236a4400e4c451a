/**
 * Errors as SQS's AWS JSON 1.0 protocol gives them: `__type` is the shape id
 * (`com.amazonaws.sqs#QueueDoesNotExist`), plus the legacy query error code in
 * `x-amzn-query-error`, which SDKs in query-compatible mode read.
 */
export class SqsApiError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly queryCode: string,
    readonly status = 400,
    readonly fault: 'Sender' | 'Receiver' = 'Sender',
  ) {
    super(message);
    this.name = type;
  }

  toBody(): Record<string, unknown> {
    return { __type: `com.amazonaws.sqs#${this.type}`, message: this.message };
  }
}

export const queueDoesNotExist = () =>
  new SqsApiError(
    'QueueDoesNotExist',
    'The specified queue does not exist.',
    'AWS.SimpleQueueService.NonExistentQueue',
  );

export const invalidParameter = (message: string) =>
  new SqsApiError('InvalidParameterValue', message, 'InvalidParameterValue');

export const missingParameter = (name: string) =>
  new SqsApiError('MissingParameter', `The request must contain the parameter ${name}.`, 'MissingParameter');

export const receiptHandleIsInvalid = (handle: string) =>
  new SqsApiError(
    'ReceiptHandleIsInvalid',
    `The input receipt handle "${handle}" is not a valid receipt handle.`,
    'ReceiptHandleIsInvalid',
  );

export const invalidJson = (message: string) =>
  new SqsApiError('InvalidAddress', message, 'InvalidAddress');

export const unsupportedOperation = (target: string) =>
  new SqsApiError(
    'UnsupportedOperation',
    `The local SQS does not implement ${target}; it serves the pipe's dead-letter queue (GetQueueUrl, ListQueues, GetQueueAttributes, ReceiveMessage, DeleteMessage, ChangeMessageVisibility)`,
    'AWS.SimpleQueueService.UnsupportedOperation',
  );

export const internalError = () =>
  new SqsApiError('InternalError', 'The local SQS failed to process the request; see its log', 'InternalError', 500, 'Receiver');
