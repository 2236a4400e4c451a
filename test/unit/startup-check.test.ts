import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resetConfig } from '@/lib/config';
import { checkStartupConfig } from '@/lib/startup-check';

const saved = { ...process.env };
const SECRET = 's'.repeat(40);

beforeEach(() => {
  process.env.AUTH_ISSUER = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc';
  process.env.AUTH_CLIENT_ID = 'webclient';
  process.env.SESSION_SECRET = SECRET;
  process.env.ORDERS_TABLE_NAME = 'dev-orders';
  resetConfig();
});

afterEach(() => {
  process.env = { ...saved };
  resetConfig();
});

describe('the production server refuses to start without a usable environment', () => {
  it('passes a complete one', () => {
    expect(checkStartupConfig()).toBeUndefined();
  });

  it('names the sign-in settings that are missing', () => {
    delete process.env.AUTH_CLIENT_ID;
    delete process.env.SESSION_SECRET;
    resetConfig();
    expect(checkStartupConfig()).toBe(
      'cannot serve: Sign-in is not configured: set AUTH_CLIENT_ID, SESSION_SECRET.',
    );
  });

  it('names a variable lib/config.ts rejects, without echoing any value', () => {
    process.env.ORDERS_TABLE_NAME = 'no spaces allowed';
    process.env.SESSION_SECRET = 'short-secret';
    resetConfig();
    const problem = checkStartupConfig()!;
    expect(problem).toMatch(
      /^cannot serve: Invalid environment: .*ORDERS_TABLE_NAME: must be 3-255 characters/,
    );
    expect(problem).toContain('SESSION_SECRET: must be at least 32 characters');
    expect(problem).not.toContain('short-secret');
    expect(problem).not.toContain('no spaces allowed');
  });
});
