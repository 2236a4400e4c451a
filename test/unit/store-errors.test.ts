import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { StoreUnavailable } from '@/lib/orders/errors';
import { guardStore, isStoreUnavailable } from '@/lib/orders/store-errors';

const named = (name: string, extra: object = {}) => Object.assign(new Error(name), { name, ...extra });

describe('isStoreUnavailable', () => {
  it.each([
    [
      'connection refused',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
    ],
    ['DNS failure', Object.assign(new Error('getaddrinfo'), { code: 'ENOTFOUND' })],
    ['SDK timeout', named('TimeoutError')],
    ['missing table', named('ResourceNotFoundException')],
    ['missing credentials', named('CredentialsProviderError')],
    ['throttling', named('ThrottlingException')],
    ['any 5xx', named('SomethingNew', { $metadata: { httpStatusCode: 503 } })],
    ['missing region', new Error('Region is missing')],
    ['socket hang up', new Error('socket hang up')],
  ])('treats %s as unavailable', (_label, error) => {
    expect(isStoreUnavailable(error)).toBe(true);
  });

  it.each([
    [
      'a failed condition',
      new ConditionalCheckFailedException({
        message: 'The conditional request failed',
        $metadata: { httpStatusCode: 400 },
      }),
    ],
    ['a validation error', named('ValidationException', { $metadata: { httpStatusCode: 400 } })],
    ['a plain bug', new TypeError('x is undefined')],
    ['null', null],
    ['a string', 'ECONNREFUSED'],
  ])('does not treat %s as unavailable', (_label, error) => {
    expect(isStoreUnavailable(error)).toBe(false);
  });
});

describe('guardStore', () => {
  it('returns the result of a successful call', async () => {
    await expect(guardStore(async () => 42)).resolves.toBe(42);
  });

  it('turns infrastructure failures into StoreUnavailable and keeps the cause', async () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const error = await guardStore(() => Promise.reject(cause)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailable);
    expect((error as StoreUnavailable).cause).toBe(cause);
    expect((error as StoreUnavailable).message).not.toContain('ECONNREFUSED');
  });

  it('passes other errors through unchanged', async () => {
    const cause = named('ValidationException');
    await expect(guardStore(() => Promise.reject(cause))).rejects.toBe(cause);
  });
});
