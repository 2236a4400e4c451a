import { randomBytes } from 'node:crypto';
import { renderXml } from './xml';

/**
 * Errors as S3's REST API gives them: an HTTP status and an `<Error>` document with Code and
 * Message (plus Key/BucketName where S3 adds them). HEAD answers carry no body, as on S3.
 */
export class S3ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = code;
  }

  toXml(resource: string, requestId: string): string {
    return renderXml(
      'Error',
      { Code: this.code, Message: this.message, ...this.fields, Resource: resource, RequestId: requestId },
      null,
    );
  }
}

export const newRequestId = () => randomBytes(8).toString('hex').toUpperCase();

export const noSuchBucket = (bucket: string) =>
  new S3ApiError('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: bucket });

export const noSuchKey = (key: string) =>
  new S3ApiError('NoSuchKey', 'The specified key does not exist.', 404, { Key: key });

export const invalidArgument = (message: string, name: string, value: string) =>
  new S3ApiError('InvalidArgument', message, 400, { ArgumentName: name, ArgumentValue: value });

export const invalidRange = (size: number) =>
  new S3ApiError('InvalidRange', 'The requested range is not satisfiable', 416, {
    ActualObjectSize: String(size),
  });

export const notImplemented = (what: string) =>
  new S3ApiError(
    'NotImplemented',
    `The local S3 does not implement ${what}; it serves the change log read-only (ListBuckets, HeadBucket, ListObjectsV2, HeadObject, GetObject)`,
    501,
  );

export const methodNotAllowed = (method: string) =>
  new S3ApiError('MethodNotAllowed', `The specified method is not allowed against this resource: ${method}`, 405);

export const internalError = () =>
  new S3ApiError('InternalError', 'We encountered an internal error. Please try again.', 500);
