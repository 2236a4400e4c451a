import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { ordersPipe } from '@/lib/resources';
import { parseJsonObject, readBody, sendAwsJson } from '../aws-json';
import type { Route } from '../gateway';
import type { SqsContext } from './context';
import { internalError, invalidJson, SqsApiError, unsupportedOperation } from './errors';
import { OPERATIONS } from './operations';
import { DirectoryQueue } from './queue';

/**
 * The local SQS: the `AmazonSQS.*` API (AWS JSON 1.0, as @aws-sdk/client-sqs speaks it) over the
 * pipe worker's dead letters in `<dataDir>/pipe-dlq/`, served as the queue infra/ deploys
 * (`orders-to-kinesis-dlq`). Sending stays with the pipe worker, which writes the files.
 */
export type SqsFacade = { route: Route; queues: ReadonlyMap<string, DirectoryQueue> };

export const PIPE_DLQ_NAME = `${ordersPipe.name}-dlq`;

const JSON_10 = 'application/x-amz-json-1.0';
const MAX_BODY_BYTES = 256 * 1024;

function send(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}) {
  sendAwsJson(res, JSON_10, status, body, extra);
}

export function createSqsFacade(options: { dataDir: string; region: string; log?: (message: string) => void }): SqsFacade {
  const log = options.log ?? ((message: string) => console.warn(message));
  const queues = new Map([[PIPE_DLQ_NAME, new DirectoryQueue(PIPE_DLQ_NAME, path.join(options.dataDir, 'pipe-dlq'))]]);

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const abort = new AbortController();
    res.on('close', () => abort.abort());
    try {
      const target = String(req.headers['x-amz-target'] ?? '');
      const text = await readBody(req, MAX_BODY_BYTES, invalidJson);
      const operation = OPERATIONS[target.slice(target.indexOf('.') + 1)];
      if (req.method !== 'POST' || !operation) throw unsupportedOperation(target || `${req.method} ${req.url}`);
      const input = parseJsonObject(text, invalidJson);
      const context: SqsContext = {
        queues,
        region: options.region,
        baseUrl: `http://${req.headers.host ?? '127.0.0.1'}`,
        signal: abort.signal,
      };
      const output = await operation(context, input);
      if (!res.destroyed) send(res, 200, output);
    } catch (error) {
      let failure = error instanceof SqsApiError ? error : undefined;
      if (!failure) {
        log(`sqs: ${(error as Error).stack ?? String(error)}`);
        failure = internalError();
      }
      if (res.headersSent || res.destroyed) return;
      send(res, failure.status, failure.toBody(), { 'x-amzn-query-error': `${failure.queryCode};${failure.fault}` });
    }
  }

  return {
    queues,
    route: {
      service: 'sqs',
      targetPrefixes: ['AmazonSQS'],
      handle: (req, res) => {
        void handle(req, res);
      },
    },
  };
}
