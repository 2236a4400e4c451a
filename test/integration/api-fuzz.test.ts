/**
 * Malformed input on every API route, as every seeded user: garbage path parameters, query
 * strings and bodies (bad JSON, wrong types, deep nesting, huge numbers, prototype keys, wrong
 * content types). Whatever comes in, the answer is a client error or a success, never a 5xx, and
 * never a hang. The cases come from a seeded generator, so a failure replays exactly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLICY, type Method } from '@/lib/auth/policy';
import { serviceCaller, type Role } from '@/lib/auth/roles';
import { deleteSavedQuery, listSavedQueries } from '@/lib/queries/library';
import { createRandom } from '@/local/demo-orders';
import { BASE_URL } from '../support/api';
import { authHeaders, SEEDED_USERS, type SeededUser } from '../support/auth';
import { orderInput } from '../support/orders';
import { setupOrdersTable } from '../support/orders-table';

setupOrdersTable('fuzz');

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const routeFiles = import.meta.glob<Record<string, Handler>>('/app/**/route.ts');

const CASES_PER_USER = 6;
const random = createRandom(20_261_208);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const NASTY_STRINGS = [
  '', ' ', 'x', '0', '-1', '1e309', 'NaN', 'null', 'undefined', 'true', '[]', '{}', '%', '%00', '..%2F..%2Fetc%2Fpasswd',
  "' OR 1=1 --", '<script>alert(1)</script>', '💥'.repeat(50), 'a'.repeat(5_000), '9'.repeat(40), '2026-02-30',
  '2026-13-01', 'America/Nowhere', '=HYPERLINK("x")', '01JD0000000000000000000001', '01jd0000000000000000000001',
  '00000000-0000-4000-8000-000000000000', '__proto__', 'constructor', 'SELECT 1; DROP TABLE x',
];
const QUERY_KEYS = ['limit', 'cursor', 'status', 'from', 'to', 'sort', 'q', 'tz', 'currency', 'shard', 'position', 'version', 'next_token', 'page_size', 'scope', 'name', 'since', 'bucket', 'metric', 'dimension'];
const NASTY_VALUES: unknown[] = [
  null, true, -1, 0, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, '', 'x'.repeat(3_000), [], {}, [null], { $gt: '' },
  { __proto__: { polluted: true } }, ['a', 1, null], '2026-02-30T25:61:00Z',
];

function nastyValue(): unknown {
  return random() < 0.5 ? pick(NASTY_VALUES) : pick(NASTY_STRINGS);
}

/** A body that is almost a real one (an order with one field broken), or not JSON at all. */
function nastyBody(): { text: string; type: string | undefined } {
  const roll = random();
  if (roll < 0.15) return { text: pick(['{', '[1,', '{"a":}', 'nul', '\u0000', '"unterminated']), type: 'application/json' };
  if (roll < 0.25) return { text: `${'['.repeat(20_000)}${']'.repeat(20_000)}`, type: 'application/json' };
  if (roll < 0.32) return { text: '{"a":1}', type: pick(['text/plain', 'application/x-www-form-urlencoded', undefined]) };
  if (roll < 0.4) return { text: '', type: 'application/json' };
  const base: Record<string, unknown> =
    random() < 0.6
      ? { ...orderInput({}), version: 1 }
      : { name: 'Fuzz query', sql: 'SELECT 1', description: '', folder: '', tags: [], param_types: [], params: [], id: 'x' };
  const keys = Object.keys(base);
  for (let i = 0; i < 1 + Math.floor(random() * 3); i++) base[pick(keys)] = nastyValue();
  if (random() < 0.3) base[pick(['__proto__', 'constructor', 'extra', 'items.0'])] = nastyValue();
  if (random() < 0.2 && Array.isArray(base.items)) base.items = Array.from({ length: 200 }, () => ({ sku: nastyValue() }));
  return { text: JSON.stringify(base), type: 'application/json' };
}

function nastyQuery(): string {
  const params = new URLSearchParams();
  for (let i = 0; i < Math.floor(random() * 4); i++) params.append(pick(QUERY_KEYS), String(pick(NASTY_STRINGS)));
  const text = params.toString();
  return text ? `?${text}` : '';
}

type Case = { pattern: string; method: Method; user: SeededUser; path: string; params: Record<string, string>; body?: { text: string; type: string | undefined } };

function casesFor(pattern: string, method: Method): Case[] {
  return SEEDED_USERS.flatMap((user) =>
    Array.from({ length: CASES_PER_USER }, () => {
      const params: Record<string, string> = {};
      const path = pattern.replace(/\[([^\]]+)\]/g, (_, name: string) => {
        params[name] = pick(NASTY_STRINGS);
        return encodeURIComponent(params[name]);
      });
      return { pattern, method, user, path: `${path}${nastyQuery()}`, params, body: method === 'GET' ? undefined : nastyBody() };
    }),
  );
}

const ROUTES = POLICY.filter((entry) => entry.kind === 'api' && entry.path.startsWith('/api/'));
const CASES = ROUTES.flatMap((entry) => (Object.keys(entry.methods) as Method[]).flatMap((method) => casesFor(entry.path, method)));

async function send(c: Case): Promise<{ status: number; text: string }> {
  const handler = (await routeFiles[`/app${c.pattern}/route.ts`]!())[c.method]!;
  const abort = new AbortController();
  const headers: Record<string, string> = { ...authHeaders(c.user) };
  if (c.body?.type) headers['content-type'] = c.body.type;
  const response = await handler(new Request(`${BASE_URL}${c.path}`, { method: c.method, headers, body: c.body?.text, signal: abort.signal }), {
    params: Promise.resolve(c.params),
  });
  // An SSE stream never ends by itself: read the status, then hang up as a browser would.
  const streaming = response.headers.get('content-type')?.startsWith('text/event-stream');
  const text = streaming ? '' : await response.text();
  abort.abort();
  await response.body?.cancel().catch(() => undefined);
  return { status: response.status, text: text.slice(0, 300) };
}

/** Every answer's status, for the check that the cases reached the handlers' own validation. */
const statuses = new Map<number, number>();

let queriesBefore = new Set<string>();
beforeAll(async () => {
  queriesBefore = new Set((await listSavedQueries()).map((q) => q.id));
});
afterAll(async () => {
  // A case that happened to be a valid save leaves no query behind in the shared library.
  const admin = { ...serviceCaller('fuzz'), roles: ['admin'] as Role[] };
  const made = (await listSavedQueries()).filter((q) => !queriesBefore.has(q.id));
  await Promise.all(made.map((q) => deleteSavedQuery(q.id, admin).catch(() => undefined)));
});

describe(`${CASES.length} malformed requests over ${ROUTES.length} API routes, as each of ${SEEDED_USERS.length} users`, () => {
  it.each(ROUTES.flatMap((r) => Object.keys(r.methods).map((m) => ({ route: r.path, method: m as Method }))))(
    '$method $route never answers 5xx',
    async ({ route, method }) => {
      const failures: string[] = [];
      for (const c of CASES.filter((x) => x.pattern === route && x.method === method)) {
        const answer = await send(c).catch((error: Error) => ({ status: 0, text: `threw ${error.name}: ${error.message}` }));
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        if (answer.status >= 500 || answer.status < 100) {
          failures.push(`${c.user} ${c.method} ${c.path.slice(0, 200)} body=${c.body?.text.slice(0, 120) ?? '-'} → ${answer.status} ${answer.text}`);
        }
      }
      expect(failures).toEqual([]);
    },
    120_000,
  );
});

it('reached the handlers: signed in (no 401), and refused as malformed (400) far more often than not', () => {
  expect(statuses.get(401) ?? 0).toBe(0);
  const total = [...statuses.values()].reduce((a, b) => a + b, 0);
  expect(total).toBe(CASES.length);
  expect(statuses.get(400) ?? 0).toBeGreaterThan(total / 4);
});
