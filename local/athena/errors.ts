/**
 * Errors in the shape the AWS JSON 1.1 protocol gives them: `__type` names the exception, and the
 * body carries `message` (and Athena's `Message`) plus any modeled fields such as AthenaErrorCode.
 * Per Athena's API model, unknown ids are InvalidRequestException, not ResourceNotFoundException.
 */
export class AthenaApiError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
    readonly fields: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = type;
  }

  toBody(): Record<string, unknown> {
    return { __type: this.type, message: this.message, Message: this.message, ...this.fields };
  }
}

export function invalidRequest(message: string, athenaErrorCode = 'INVALID_INPUT'): AthenaApiError {
  return new AthenaApiError('InvalidRequestException', message, 400, { AthenaErrorCode: athenaErrorCode });
}

export function tooManyRequests(message: string): AthenaApiError {
  return new AthenaApiError('TooManyRequestsException', message, 400, {
    Reason: 'CONCURRENT_QUERY_LIMIT_EXCEEDED',
  });
}

export function serializationError(message: string): AthenaApiError {
  return new AthenaApiError('SerializationException', message);
}

export function unknownOperation(target: string): AthenaApiError {
  return new AthenaApiError(
    'UnknownOperationException',
    `The local Athena facade does not implement ${target}`,
  );
}

export function internalError(): AthenaApiError {
  return new AthenaApiError(
    'InternalServerException',
    'The local Athena facade failed to process the request; see its log',
    500,
  );
}
