import { AthenaClient } from '@aws-sdk/client-athena';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getAthenaClient, setAthenaClient } from '@/lib/aws/athena';
import { resetConfig } from '@/lib/config';

const saved = { ...process.env };

beforeEach(() => {
  for (const name of Object.keys(process.env))
    if (name.startsWith('AWS_ENDPOINT_URL')) delete process.env[name];
  process.env.AWS_REGION = 'eu-west-1';
  resetConfig();
  setAthenaClient(undefined);
});

afterEach(() => {
  process.env = { ...saved };
  resetConfig();
  setAthenaClient(undefined);
});

describe('the Athena client', () => {
  it('is created once, with the endpoint and region from config', async () => {
    process.env.AWS_ENDPOINT_URL_ATHENA = 'http://127.0.0.1:4566';
    const client = getAthenaClient();
    expect(getAthenaClient()).toBe(client);
    expect(await client.config.region()).toBe('eu-west-1');
    const endpoint = await client.config.endpoint?.();
    expect(endpoint).toMatchObject({ hostname: '127.0.0.1', port: 4566, protocol: 'http:' });
  });

  it('falls back to the shared AWS_ENDPOINT_URL', async () => {
    process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:4599';
    expect(await getAthenaClient().config.endpoint?.()).toMatchObject({ port: 4599 });
  });

  it('can be replaced by a test', () => {
    const injected = new AthenaClient({ region: 'us-east-1' });
    setAthenaClient(injected);
    expect(getAthenaClient()).toBe(injected);
    injected.destroy();
  });
});
