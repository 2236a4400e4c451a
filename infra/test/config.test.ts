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

  it('needs the dashboard URL for every stage but dev when the stack does not host the dashboard', () => {
    expect(read({}).auth.appUrls).toEqual(['http://localhost:3000']);
    expect(failure({ stage: 'prod', dashboard: 'false' })).toMatch(
      /^appUrl is required for stage prod when the stack does not host/,
    );
    // Hosted, the stack adds the dashboard's own URL; appUrl only adds more.
    expect(read({ stage: 'prod' }).auth.appUrls).toEqual([]);
  });

  it('hosts the dashboard by default, with two to four tasks and a WAF rate limit', () => {
    expect(read({}).hosting).toEqual({
      domain: undefined,
      minTasks: 2,
      maxTasks: 4,
      rateLimitPer5Min: 3_000,
    });
    expect(read({ dashboard: 'false' }).hosting).toBeUndefined();
    expect(read({ minTasks: '3', maxTasks: '8', rateLimit: '500' }).hosting).toMatchObject({
      minTasks: 3,
      maxTasks: 8,
      rateLimitPer5Min: 500,
    });
    expect(read({ minTasks: '6' }).hosting).toMatchObject({ minTasks: 6, maxTasks: 6 });
  });

  it('rejects task counts and rate limits outside what ECS and WAF allow', () => {
    expect(failure({ minTasks: '1' })).toMatch(/^minTasks must be an integer from 2 to 20 tasks/);
    expect(failure({ maxTasks: '21' })).toMatch(/^maxTasks must be an integer from 2 to 20 tasks/);
    expect(failure({ minTasks: '4', maxTasks: '3' })).toMatch(
      /^maxTasks \(3\) must be at least minTasks \(4\)/,
    );
    expect(failure({ rateLimit: '99' })).toMatch(/^rateLimit must be an integer from 100/);
  });

  it('takes a custom domain only with its hosted zone', () => {
    expect(
      read({ domainName: 'sales.example.com', hostedZoneId: 'Z0123ABC', hostedZoneName: 'example.com.' })
        .hosting?.domain,
    ).toEqual({
      name: 'sales.example.com',
      hostedZoneId: 'Z0123ABC',
      hostedZoneName: 'example.com',
    });
    expect(
      failure({ domainName: 'Sales.Example.com', hostedZoneId: 'Z1', hostedZoneName: 'example.com' }),
    ).toMatch(/^domainName must be a lower-case DNS name/);
    expect(failure({ domainName: 'sales.example.com' })).toMatch(
      /^hostedZoneId must be the Route 53 zone id of sales.example.com/,
    );
    expect(
      failure({ domainName: 'sales.example.com', hostedZoneId: 'Z1', hostedZoneName: 'other.org' }),
    ).toMatch(/^hostedZoneName must be the zone that holds sales.example.com/);
  });

  it('takes an alarm email address', () => {
    expect(read({ alarmEmail: 'ops@example.com' }).alarmEmail).toBe('ops@example.com');
    expect(read({}).alarmEmail).toBeUndefined();
    expect(failure({ alarmEmail: 'ops' })).toMatch(/^alarmEmail must be an email address/);
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
