import { describe, expect, it } from 'vitest';
import { changeStream, deliveryStream } from '@/lib/resources';
import { buildApp } from '../lib/app';
import { DEFAULT_STAGE_CONFIG, InfraConfigError, readStageConfig } from '../lib/config';

const read = (context: Record<string, unknown>) => readStageConfig((key) => context[key]);
const failure = (context: Record<string, unknown>) => {
  try {
    read(context);
  } catch (error) {
    expect(error).toBeInstanceOf(InfraConfigError);
    return (error as Error).message;
  }
  throw new Error('expected InfraConfigError');
};

describe('stage configuration', () => {
  it('defaults to lib/resources.ts', () => {
    expect(read({})).toEqual(DEFAULT_STAGE_CONFIG);
    expect(DEFAULT_STAGE_CONFIG.shardCount).toBe(changeStream.shardCount);
    expect(DEFAULT_STAGE_CONFIG.buffering).toEqual(deliveryStream.buffering.aws);
  });

  it('accepts -c values as strings, as the CLI passes them', () => {
    expect(
      read({
        stage: 'prod',
        shardCount: '4',
        bufferSizeMiB: '128',
        bufferIntervalSeconds: '900',
        deletionProtection: 'true',
        appUrl: 'https://sales.example.com/, http://localhost:3000',
        mfa: 'required',
        authDomainPrefix: 'acme-sales',
      }),
    ).toMatchObject({
      stage: 'prod',
      shardCount: 4,
      buffering: { sizeMiB: 128, intervalSeconds: 900 },
      deletionProtection: true,
      auth: {
        appUrls: ['https://sales.example.com', 'http://localhost:3000'],
        mfa: 'required',
        domainPrefix: 'acme-sales',
      },
    });
  });

  it('needs the dashboard URL for every stage but dev', () => {
    expect(read({}).auth.appUrls).toEqual(['http://localhost:3000']);
    expect(failure({ stage: 'prod' })).toMatch(/^appUrl is required for stage prod/);
  });

  it.each([
    ['http://sales.example.com', 'uses http, which Cognito allows only for localhost'],
    ['https://sales.example.com/?a=1', 'has a query or fragment'],
    ['https://user:pw@sales.example.com', 'has credentials in it'],
    ['ftp://sales.example.com', 'is not http(s)'],
    ['sales', 'is not a URL'],
    ['', 'is empty'],
  ])('rejects the appUrl %j', (appUrl, problem) => {
    expect(failure({ appUrl })).toContain(problem);
  });

  it('rejects an mfa mode or domain prefix Cognito would not take', () => {
    expect(failure({ mfa: 'sometimes' })).toBe('mfa must be optional or required, got "sometimes"');
    for (const authDomainPrefix of ['Upper', 'my-cognito', '-x', 'a'.repeat(64)]) {
      expect(failure({ authDomainPrefix })).toMatch(/^authDomainPrefix must be 1-63 lower-case/);
    }
  });

  it.each([['Prod'], ['p'], ['-dev'], ['dev-'], ['dev_1'], ['much-too-long-stage'], [''], [42]])(
    'rejects the stage name %j',
    (stage) => {
      expect(failure({ stage })).toMatch(
        /^stage must be 2-10 characters of lower-case letters, digits and hyphens/,
      );
    },
  );

  it('rejects a shard count of 0, a fraction or a non-number', () => {
    expect(failure({ shardCount: 0 })).toBe('shardCount must be an integer from 1 to 500 shards, got 0');
    expect(failure({ shardCount: '1.5' })).toBe(
      'shardCount must be an integer from 1 to 500 shards, got 1.5',
    );
    expect(failure({ shardCount: 'two' })).toBe('shardCount must be a number, got "two"');
  });

  it('rejects a buffer outside Firehose limits (1-128 MiB, 0-900 s)', () => {
    expect(failure({ bufferSizeMiB: 0 })).toBe(
      'bufferSizeMiB must be an integer from 1 to 128 MiB (Firehose limit), got 0',
    );
    expect(failure({ bufferSizeMiB: 129 })).toBe(
      'bufferSizeMiB must be an integer from 1 to 128 MiB (Firehose limit), got 129',
    );
    expect(failure({ bufferIntervalSeconds: -1 })).toBe(
      'bufferIntervalSeconds must be an integer from 0 to 900 seconds (Firehose limit), got -1',
    );
    expect(failure({ bufferIntervalSeconds: 901 })).toBe(
      'bufferIntervalSeconds must be an integer from 0 to 900 seconds (Firehose limit), got 901',
    );
  });

  it('rejects a buffer below the dynamic-partitioning minimums (64 MiB, 60 s)', () => {
    expect(failure({ bufferSizeMiB: 8 })).toMatch(
      /dynamic partitioning .* bufferSizeMiB >= 64 and bufferIntervalSeconds >= 60, got 8 MiB and 60 s/,
    );
    expect(failure({ bufferIntervalSeconds: 30 })).toMatch(/got 64 MiB and 30 s/);
  });

  it('rejects a deletionProtection that is not a boolean', () => {
    expect(failure({ deletionProtection: 'yes' })).toBe(
      'deletionProtection must be true or false, got "yes"',
    );
  });

  it('fails synthesis itself with the same message', () => {
    expect(() => buildApp({ context: { shardCount: 0 }, nag: false })).toThrow(
      /shardCount must be an integer from 1 to 500/,
    );
    expect(() => buildApp({ context: { stage: 'Bad Stage' }, nag: false })).toThrow(InfraConfigError);
  });
});
