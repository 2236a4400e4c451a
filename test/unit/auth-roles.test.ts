import { describe, expect, it } from 'vitest';
import { accessTokenProblem, callerFromClaims } from '@/lib/auth/claims';
import { maskCustomer, maskEmail, maskEmailsDeep } from '@/lib/auth/mask';
import { can, primaryRole, rolesFromGroups, serviceCaller, type Caller, type Role } from '@/lib/auth/roles';

const caller = (...roles: Role[]): Caller => ({ subject: 's', username: 'u', roles, via: 'bearer' });

describe('the role table', () => {
  // The table, row by row.
  it.each([
    ['orders:read', ['sales', 'analyst', 'engineer', 'admin']],
    ['orders:write', ['sales', 'admin']],
    ['orders:read-email', ['sales', 'admin']],
    ['analytics:read', ['sales', 'analyst', 'engineer', 'admin']],
    ['pipeline:read', ['engineer', 'admin']],
    ['queries:run-saved', ['sales', 'analyst', 'engineer', 'admin']],
    ['queries:author', ['analyst', 'engineer', 'admin']],
    ['queries:manage-any', ['admin']],
  ] as const)('%s is granted to exactly %j', (capability, allowed) => {
    for (const role of ['sales', 'analyst', 'engineer', 'admin'] as const) {
      expect(can(caller(role), capability), role).toBe((allowed as readonly string[]).includes(role));
    }
  });

  it('grants nothing to no caller, a caller without roles, or a service identity', () => {
    expect(can(null, 'orders:read')).toBe(false);
    expect(can(caller(), 'orders:read')).toBe(false);
    expect(can(serviceCaller('generator'), 'orders:read')).toBe(false);
  });

  it('maps Cognito groups to roles, ignoring unknown groups and non-lists', () => {
    expect(rolesFromGroups(['analyst', 'us-east-1_x_Google', 'admin'])).toEqual(['analyst', 'admin']);
    expect(rolesFromGroups('admin')).toEqual([]);
    expect(rolesFromGroups(undefined)).toEqual([]);
  });

  it('shows the most capable role', () => {
    expect(primaryRole(caller('sales', 'admin'))).toBe('admin');
    expect(primaryRole(caller())).toBeUndefined();
  });
});

describe('claims', () => {
  const access = { sub: 'u-1', token_use: 'access', client_id: 'web', username: 'ana', 'cognito:groups': ['analyst'], scope: 'openid' };

  it('builds the caller from a Cognito access token', () => {
    expect(callerFromClaims(access, 'bearer')).toEqual({ subject: 'u-1', username: 'ana', email: undefined, roles: ['analyst'], via: 'bearer' });
  });

  it('reads cognito:username and email from an ID token', () => {
    const id = { sub: 'u-1', aud: 'web', 'cognito:username': 'ana', email: 'ana@example.com', 'cognito:groups': ['analyst'] };
    expect(callerFromClaims(id, 'cookie')).toMatchObject({ username: 'ana', email: 'ana@example.com' });
  });

  it('refuses a token without a subject', () => {
    expect(() => callerFromClaims({ username: 'x' }, 'bearer')).toThrow(/subject/);
  });

  it('accepts an access token only for a known client, and never an ID token', () => {
    expect(accessTokenProblem(access, ['web'])).toBeUndefined();
    expect(accessTokenProblem(access, ['cli'])).toMatch(/another client/);
    expect(accessTokenProblem({ ...access, token_use: 'id' }, ['web'])).toMatch(/not an access token/);
    expect(accessTokenProblem({ ...access, client_id: undefined }, ['web'])).toMatch(/another client/);
  });
});

describe('email masking', () => {
  it('keeps the first letter and the domain', () => {
    expect(maskEmail('jane.doe@example.com')).toBe('j•••@example.com');
    expect(maskEmail('x@y.io')).toBe('x•••@y.io');
    expect(maskEmail('not-an-email')).toBe('•••');
  });

  const order = { order_id: 'o', customer: { name: 'Jane', email: 'jane@example.com' } };

  it('masks for analysts and engineers, not for sales or admin', () => {
    expect(maskCustomer(order, caller('analyst')).customer.email).toBe('j•••@example.com');
    expect(maskCustomer(order, caller('engineer')).customer.email).toBe('j•••@example.com');
    expect(maskCustomer(order, caller('sales')).customer.email).toBe('jane@example.com');
    expect(maskCustomer(order, caller('admin')).customer.email).toBe('jane@example.com');
  });

  it('does not change the original or values without a customer', () => {
    maskCustomer(order, caller('analyst'));
    expect(order.customer.email).toBe('jane@example.com');
    expect(maskCustomer({ a: 1 }, caller('analyst'))).toEqual({ a: 1 });
    expect(maskCustomer(null, caller('analyst'))).toBeNull();
  });
});

describe('maskEmailsDeep (feed events, traces, history)', () => {
  const event = {
    id: 's:1',
    newImage: { customer: { name: 'Jane', email: 'jane@example.com' }, search_text: '01j jane jane@example.com', items: [{ sku: 'A' }] },
    oldImage: null,
    diff: [{ path: 'customer.email', old: 'old.one@example.org', new: 'jane@example.com' }],
    raw: 'not json: contact jane@example.com now',
    latencyMs: 12,
  };

  it('masks every address for analysts and engineers, wherever it sits', () => {
    const masked = maskEmailsDeep(event, caller('engineer'));
    expect(JSON.stringify(masked)).not.toMatch(/jane@|old\.one@/);
    expect(masked.newImage.customer.email).toBe('j•••@example.com');
    expect(masked.newImage.search_text).toBe('01j jane j•••@example.com');
    expect(masked.diff[0]).toEqual({ path: 'customer.email', old: 'o•••@example.org', new: 'j•••@example.com' });
    expect(masked.raw).toBe('not json: contact j•••@example.com now');
    expect(masked.latencyMs).toBe(12);
  });

  it('leaves everything to sales and admin, and never changes the original', () => {
    expect(maskEmailsDeep(event, caller('sales'))).toBe(event);
    maskEmailsDeep(event, caller('analyst'));
    expect(event.newImage.customer.email).toBe('jane@example.com');
  });
});
