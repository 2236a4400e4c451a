import { invalidParameter, missingParameter, queueDoesNotExist } from './errors';
import type { DirectoryQueue } from './queue';

const LOCAL_ACCOUNT_ID = '000000000000';

export type SqsContext = {
  queues: ReadonlyMap<string, DirectoryQueue>;
  region: string;
  /** Base URL the caller reached us on, for QueueUrl values it can use. */
  baseUrl: string;
  signal: AbortSignal;
};

export type SqsInput = Record<string, unknown>;

export type SqsOperation = (context: SqsContext, input: SqsInput) => Promise<Record<string, unknown>> | Record<string, unknown>;

export const queueUrlOf = (context: SqsContext, name: string) => `${context.baseUrl}/${LOCAL_ACCOUNT_ID}/${name}`;

export const queueArnOf = (context: SqsContext, name: string) => `arn:aws:sqs:${context.region}:${LOCAL_ACCOUNT_ID}:${name}`;

export function requiredString(input: SqsInput, name: string): string {
  const value = input[name];
  if (value === undefined || value === null || value === '') throw missingParameter(name);
  if (typeof value !== 'string') throw invalidParameter(`Value for parameter ${name} is invalid. Reason: must be a string.`);
  return value;
}

export function optionalInteger(input: SqsInput, name: string, min: number, max: number): number | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    throw invalidParameter(`Value ${String(value)} for parameter ${name} is invalid. Reason: must be between ${min} and ${max}.`);
  return value;
}

export function optionalStringList(input: SqsInput, name: string): string[] | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
    throw invalidParameter(`Value for parameter ${name} is invalid. Reason: must be a list of strings.`);
  return value as string[];
}

/** The queue a QueueUrl names: `<any host>/<account>/<name>`. */
export function queueOf(context: SqsContext, input: SqsInput): DirectoryQueue {
  const url = requiredString(input, 'QueueUrl');
  let parts: string[];
  try {
    parts = new URL(url).pathname.split('/').filter(Boolean);
  } catch {
    throw invalidParameter(`Value ${url} for parameter QueueUrl is invalid. Reason: not a URL.`);
  }
  const [account, name] = parts;
  const queue = parts.length === 2 && account === LOCAL_ACCOUNT_ID ? context.queues.get(name!) : undefined;
  if (!queue) throw queueDoesNotExist();
  return queue;
}
