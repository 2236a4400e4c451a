/**
 * Every API route × every role, driven by the policy table: the route file is loaded, each method
 * is called with a real access token of a seeded user of each role (and with none), and
 *   - anonymous → 401 `{"error":"unauthenticated"}` with `WWW-Authenticate: Bearer`;
 *   - a role the policy refuses → 403 `{"error":"forbidden","required":[roles]}`, with real ids and
 *     valid bodies, and nothing in DynamoDB or the saved-query library changes;
 *   - a role it allows → the route's own answer (never 401 or 403, never a server error).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLICY, type Method } from '@/lib/auth/policy';
import { can, rolesFor, serviceCaller, type Capability, type Role } from '@/lib/auth/roles';
import { createOrder } from '@/lib/orders/service';
import { createSavedQuery, deleteSavedQuery, getSavedQuery, listSavedQueries } from '@/lib/queries/library';
import { BASE_URL } from '../support/api';
import { authHeaders, type SeededUser } from '../support/auth';
import { orderInput } from '../support/orders';
import { setupOrdersTable } from '../support/orders-table';
import { TEST_WRITER } from '../support/writer';

const table = setupOrdersTable('auth-matrix');

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const routeFiles = import.meta.glob<Record<string, Handler>>('/app/**/route.ts');
const moduleFor = (pattern: string) => {
  const load = routeFiles[`/app${pattern}/route.ts`];
  if (!load) throw new Error(`no route file for ${pattern}`);
  return load();
};

/** One seeded user per role (test/support/auth signs each in once per run). */
const USER_OF: Record<Role, SeededUser> = { sales: 'sales', analyst: 'analyst', engineer: 'engineer', admin: 'admin' };
const ROLE_CASES = Object.entries(USER_OF) as [Role, SeededUser][];
const API_ROUTES = POLICY.filter((entry) => entry.kind === 'api' && entry.path.startsWith('/api/'));

let orderId: string;
let savedQueryId: string;
const MISSING_EXECUTION = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  orderId = (await createOrder(orderInput({ customer: { name: 'Matrix Check' } }), { by: TEST_WRITER })).order_id;
  // Owned by someone who is none of the callers, so only admin may change it.
  const owner = { ...serviceCaller('matrix'), username: 'matrix-owner', roles: ['analyst'] as Role[] };
  savedQueryId = (
    await createSavedQuery(
      { name: `Matrix check ${Date.now()}`, description: '', sql: 'SELECT 1 AS one', folder: '', tags: [], param_types: [] },
      owner,
    )
  ).id;
});

afterAll(async () => {
  // The allowed saves made queries of their own ("Matrix POST …"); leave the shared library as found.
  const admin = { ...serviceCaller('matrix'), roles: ['admin'] as Role[] };
  const made = (await listSavedQueries()).filter((q) => q.id === savedQueryId || q.name.startsWith('Matrix '));
  await Promise.all(made.map((q) => deleteSavedQuery(q.id, admin).catch(() => undefined)));
});

/** Concrete values for a pattern's [params]: real ids, so a refused request would hit real data. */
function paramsFor(pattern: string): Record<string, string> {
  const values: Record<string, string> = {
    '/api/orders/[id]': orderId,
    '/api/trace/[orderId]': orderId,
    '/api/queries/[id]': savedQueryId,
    '/api/analytics/breakdown/[dimension]': 'region',
  };
  const params: Record<string, string> = {};
  for (const match of pattern.matchAll(/\[([^\]]+)\]/g)) {
    const name = match[1]!;
    params[name] = pattern.startsWith('/api/queries/executions/') ? MISSING_EXECUTION : (values[pattern] ?? orderId);
  }
  return params;
}

/** A valid body per write, so a refusal is the policy's doing and not a validation error. */
function bodyFor(pattern: string, method: Method): unknown {
  if (method === 'GET' || method === 'DELETE') return undefined;
  if (pattern === '/api/orders' && method === 'POST') return orderInput({ customer: { name: 'Matrix Create' } });
  if (pattern === '/api/orders/[id]' && method === 'PUT') {
    return { ...orderInput({ status: 'paid' }), order_date: new Date().toISOString(), version: 1 };
  }
  if (pattern === '/api/queries' || pattern === '/api/queries/[id]') {
    return { name: `Matrix ${method} ${Math.random()}`, description: '', sql: 'SELECT 2 AS two', folder: '', tags: [], param_types: [] };
  }
  if (pattern === '/api/queries/run') return { id: savedQueryId, params: [] };
  if (pattern === '/api/queries/check') return { sql: 'SELECT 1' };
  return undefined;
}

function requestFor(pattern: string, method: Method, user: SeededUser | null, signal: AbortSignal): Request {
  const params = paramsFor(pattern);
  let path = pattern.replace(/\[([^\]]+)\]/g, (_, name: string) => encodeURIComponent(params[name]!));
  if (method === 'DELETE' && pattern === '/api/orders/[id]') path += '?version=1';
  if (pattern === '/api/feed/stream') path += '?shard=all&position=LATEST';
  const body = bodyFor(pattern, method);
  return new Request(`${BASE_URL}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...authHeaders(user) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal,
  });
}

async function call(pattern: string, method: Method, user: SeededUser | null) {
  const handler = (await moduleFor(pattern))[method];
  if (!handler) throw new Error(`${pattern} has a policy for ${method} but exports no handler`);
  const abort = new AbortController();
  const response = await handler(requestFor(pattern, method, user, abort.signal), { params: Promise.resolve(paramsFor(pattern)) });
  const streaming = response.headers.get('content-type')?.startsWith('text/event-stream');
  // An SSE stream never ends by itself: read the status, then hang up as a browser would.
  const json = streaming ? undefined : await response.json().catch(() => undefined);
  abort.abort();
  await response.body?.cancel().catch(() => undefined);
  return { status: response.status, headers: response.headers, json };
}

/** What a refused request must leave untouched. */
async function state() {
  const query = await getSavedQuery(savedQueryId);
  return { orders: await table.snapshot(), query: { name: query.name, sql: query.sql } };
}

const cases = API_ROUTES.flatMap((entry) =>
  Object.entries(entry.methods).map(([method, access]) => ({ pattern: entry.path, method: method as Method, access: access! })),
);

describe('every API route and method has a handler', () => {
  it.each(cases)('$method $pattern', async ({ pattern, method }) => {
    expect(typeof (await moduleFor(pattern))[method]).toBe('function');
  });
});

describe('anonymous callers', () => {
  it.each(cases.filter((c) => c.access !== 'public'))('$method $pattern → 401', async ({ pattern, method }) => {
    const before = await state();
    const answer = await call(pattern, method, null);
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toBe('Bearer');
    expect(answer.json).toMatchObject({ error: 'unauthenticated' });
    expect(await state()).toEqual(before);
  });

  it.each(cases.filter((c) => c.access === 'public'))('$method $pattern is open', async ({ pattern, method }) => {
    expect((await call(pattern, method, null)).status).toBe(200);
  });
});

describe.each(ROLE_CASES)('role %s', (role, user) => {
  const caller = { roles: [role] };
  const refused = cases.filter((c) => c.access !== 'public' && c.access !== 'signed-in' && !can(caller, c.access));
  const allowed = cases.filter((c) => !refused.includes(c));

  if (refused.length) {
    it.each(refused)('$method $pattern → 403, nothing changes', async ({ pattern, method, access }) => {
      const before = await state();
      const answer = await call(pattern, method, user);
      expect(answer.status).toBe(403);
      // `required`: the roles that may, from the same table.
      expect(answer.json).toMatchObject({ error: 'forbidden', required: [...rolesFor(access as Capability)] });
      expect(await state()).toEqual(before);
    });
  }

  it.each(allowed)('$method $pattern → its own answer', async ({ pattern, method }) => {
    const answer = await call(pattern, method, user);
    expect(answer.status, JSON.stringify(answer.json)).not.toBe(401);
    expect(answer.status, JSON.stringify(answer.json)).toBeLessThan(500);
    // Authorised by the policy: a 403 now can only be ownership (edits of someone else's query).
    if (answer.status === 403) {
      expect(pattern).toBe('/api/queries/[id]');
      expect(role).not.toBe('admin');
    }
  });
});

it('sales is refused what the issue says it may not do, and admin nothing', () => {
  const refusedTo = (role: Role) =>
    cases.filter((c) => c.access !== 'public' && c.access !== 'signed-in' && !can({ roles: [role] }, c.access)).map((c) => `${c.method} ${c.pattern}`);
  expect(refusedTo('admin')).toEqual([]);
  expect(refusedTo('sales')).toEqual(
    expect.arrayContaining(['GET /api/feed/stream', 'GET /api/trace/[orderId]', 'GET /api/pipeline/health', 'POST /api/queries']),
  );
  expect(refusedTo('analyst')).toEqual(expect.arrayContaining(['POST /api/orders', 'DELETE /api/orders/[id]', 'GET /api/feed/stream']));
  expect(refusedTo('engineer')).toEqual(expect.arrayContaining(['PUT /api/orders/[id]', 'POST /api/orders']));
});
