import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type { ObjectStore } from './store';

/** A path-style S3 request: `/<bucket>/<key>?<query>`. */
export type S3Request = {
  method: string;
  bucket: string | undefined;
  key: string | undefined;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
};

export type S3Response = {
  status: number;
  headers: Record<string, string | number>;
  body?: string | Readable;
};

export type S3Operation = (store: ObjectStore, request: S3Request) => Promise<S3Response>;

const XML_HEADERS = { 'content-type': 'application/xml' } as const;

export function xmlResponse(body: string, status = 200): S3Response {
  return { status, headers: { ...XML_HEADERS, 'content-length': Buffer.byteLength(body) }, body };
}
