import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The request and response plumbing the in-process AWS JSON emulators (Athena, SQS) share: read a
 * bounded body, parse it as the JSON object every operation takes, answer with a request id.
 * Each emulator passes its own error factory, since the AWS error names differ per service.
 */

export function sendAwsJson(
  res: ServerResponse,
  contentType: string,
  status: number,
  body: unknown,
  extra: Record<string, string> = {},
) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
    ...extra,
  });
  res.end(text);
}

export function readBody(req: IncomingMessage, maxBytes: number, fail: (message: string) => Error): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        reject(fail(`The request body is larger than ${maxBytes} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** An empty body is `{}`, as the SDKs send for operations without input. */
export function parseJsonObject(text: string, fail: (message: string) => Error): Record<string, unknown> {
  let input: unknown;
  try {
    input = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw fail('The request body is not valid JSON');
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw fail('The request body must be a JSON object');
  return input as Record<string, unknown>;
}
