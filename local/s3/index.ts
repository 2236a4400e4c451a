import { mkdirSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import nodePath from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Route } from '../gateway';
import { s3Root } from '../s3-files';
import type { S3Request, S3Response } from './context';
import { internalError, newRequestId, S3ApiError } from './errors';
import { operationFor } from './operations';
import { ObjectStore } from './store';

/**
 * The local S3 REST API (path-style, read-only) over the plain files the Firehose worker writes at
 * `<dataDir>/s3/<bucket>/<key>`. It is the gateway's fallback route: S3 requests carry no
 * X-Amz-Target header. Writes stay with the workers, which use the files directly.
 */
export type S3Facade = { route: Route; store: ObjectStore };

/** Splits `/<bucket>/<key…>` (URL-encoded) into its parts; `/<bucket>/` names the bucket itself. */
export function parseS3Url(url: string, method: string, headers: IncomingMessage['headers']): S3Request {
  // Split by hand: URL parsing would resolve `..` segments, which are part of an S3 key.
  const mark = url.indexOf('?');
  const path = (mark < 0 ? url : url.slice(0, mark)).replace(/^\/+/, '');
  const query = new URLSearchParams(mark < 0 ? '' : url.slice(mark + 1));
  const slash = path.indexOf('/');
  const rawBucket = slash < 0 ? path : path.slice(0, slash);
  const rawKey = slash < 0 ? '' : path.slice(slash + 1);
  return {
    method,
    bucket: rawBucket ? decodeURIComponent(rawBucket) : undefined,
    key: rawKey ? decodeURIComponent(rawKey) : undefined,
    query,
    headers,
  };
}

function send(res: ServerResponse, method: string, requestId: string, answer: S3Response) {
  const headers = { ...answer.headers, 'x-amz-request-id': requestId, server: 'LocalS3' };
  if (method === 'HEAD' || answer.body === undefined) {
    if (answer.body instanceof Readable) answer.body.destroy();
    res.writeHead(answer.status, answer.body === undefined && !('content-length' in headers) ? { ...headers, 'content-length': 0 } : headers);
    res.end();
    return;
  }
  res.writeHead(answer.status, headers);
  if (typeof answer.body === 'string') res.end(answer.body);
  else void pipeline(answer.body, res).catch(() => res.destroy());
}

export type S3FacadeOptions = {
  dataDir: string;
  /** Buckets that exist from the start (an empty change log is an empty bucket, not a missing one). */
  buckets?: readonly string[];
  log?: (message: string) => void;
};

export function createS3Facade(options: S3FacadeOptions): S3Facade {
  const root = s3Root(options.dataDir);
  for (const bucket of options.buckets ?? []) mkdirSync(nodePath.join(root, bucket), { recursive: true });
  const store = new ObjectStore(root);
  const log = options.log ?? ((message: string) => console.warn(message));

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const method = req.method ?? 'GET';
    const requestId = newRequestId();
    req.resume();
    let resource = req.url ?? '/';
    try {
      const request = parseS3Url(resource, method, req.headers);
      resource = `/${[request.bucket, request.key].filter(Boolean).join('/')}`;
      send(res, method, requestId, await operationFor(request)(store, request));
    } catch (error) {
      let failure = error instanceof S3ApiError ? error : undefined;
      if (!failure) {
        // A malformed percent-encoding is the client's fault; anything else is ours.
        if (error instanceof URIError) failure = new S3ApiError('InvalidURI', "Couldn't parse the specified URI.", 400);
        else {
          log(`s3: ${(error as Error).stack ?? String(error)}`);
          failure = internalError();
        }
      }
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const body = method === 'HEAD' ? undefined : failure.toXml(resource, requestId);
      send(res, method, requestId, {
        status: failure.status,
        headers: { 'content-type': 'application/xml', 'content-length': body ? Buffer.byteLength(body) : 0 },
        body,
      });
    }
  }

  return {
    store,
    route: {
      service: 's3',
      targetPrefixes: [],
      untargeted: true,
      handle: (req, res) => {
        void handle(req, res);
      },
    },
  };
}
