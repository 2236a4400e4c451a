import type { Capability } from './roles';

/**
 * THE access policy: every page and route handler under app/, by path pattern and method.
 * proxy.ts reads it to redirect pages before they render; handle() and the page guard read it
 * again and decide for themselves, so a proxy bypass opens nothing. test/unit/auth-policy
 * lists app/**\/route.ts and page.tsx and fails when one has no entry here.
 *
 * `public`: no credentials needed (the sign-in flow itself, and a data-free liveness check).
 * `signed-in`: any verified caller, whatever their role.
 */
export type Access = 'public' | 'signed-in' | Capability;
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type PolicyEntry = { path: string; kind: 'page' | 'api'; methods: Partial<Record<Method, Access>> };

const page = (path: string, access: Access): PolicyEntry => ({ path, kind: 'page', methods: { GET: access } });
const api = (path: string, methods: PolicyEntry['methods']): PolicyEntry => ({ path, kind: 'api', methods });

export const POLICY: readonly PolicyEntry[] = [
  // Sign-in flow and liveness.
  api('/auth/sign-in', { GET: 'public' }),
  api('/auth/callback', { GET: 'public' }),
  api('/auth/sign-out', { GET: 'public', POST: 'public' }),
  page('/signed-out', 'public'),
  api('/api/health', { GET: 'public' }),
  api('/api/health/live', { GET: 'public' }),

  page('/', 'signed-in'),
  page('/orders', 'orders:read'),
  page('/orders/new', 'orders:write'),
  page('/orders/[id]', 'orders:read'),
  page('/orders/[id]/edit', 'orders:write'),
  api('/api/orders', { GET: 'orders:read', POST: 'orders:write' }),
  api('/api/orders/summary', { GET: 'orders:read' }),
  api('/api/orders/[id]', { GET: 'orders:read', PUT: 'orders:write', DELETE: 'orders:write' }),
  api('/api/orders/[id]/history', { GET: 'orders:read' }),

  page('/feed', 'pipeline:read'),
  api('/api/feed/stream', { GET: 'pipeline:read' }),
  api('/api/feed/stats', { GET: 'pipeline:read' }),
  page('/pipeline', 'pipeline:read'),
  page('/pipeline/trace', 'pipeline:read'),
  page('/pipeline/trace/[orderId]', 'pipeline:read'),
  api('/api/pipeline/health', { GET: 'pipeline:read' }),
  api('/api/trace/[orderId]', { GET: 'pipeline:read' }),

  page('/analytics', 'analytics:read'),
  api('/api/analytics/summary', { GET: 'analytics:read' }),
  api('/api/analytics/kpis', { GET: 'analytics:read' }),
  api('/api/analytics/timeseries', { GET: 'analytics:read' }),
  api('/api/analytics/breakdown/[dimension]', { GET: 'analytics:read' }),
  api('/api/analytics/customers', { GET: 'analytics:read' }),
  api('/api/analytics/freshness', { GET: 'analytics:read' }),

  page('/queries', 'queries:run-saved'),
  // Listing, reading and running saved queries is for everyone; the run and check routes refuse
  // ad-hoc SQL to callers without queries:author, and edits check ownership (lib/queries).
  api('/api/queries', { GET: 'queries:run-saved', POST: 'queries:author' }),
  api('/api/queries/[id]', { GET: 'queries:run-saved', PUT: 'queries:author', DELETE: 'queries:author' }),
  api('/api/queries/run', { POST: 'queries:run-saved' }),
  api('/api/queries/check', { POST: 'queries:run-saved' }),
  api('/api/queries/schema', { GET: 'queries:run-saved' }),
  api('/api/queries/executions', { GET: 'queries:run-saved' }),
  api('/api/queries/executions/[id]', { GET: 'queries:run-saved' }),
  api('/api/queries/executions/[id]/results', { GET: 'queries:run-saved' }),
  api('/api/queries/executions/[id]/results.csv', { GET: 'queries:run-saved' }),
  api('/api/queries/executions/[id]/cancel', { POST: 'queries:run-saved' }),
];

const segmentsOf = (path: string) => path.split('/').filter(Boolean);
const isParam = (segment: string) => /^\[[^\]]+\]$/.test(segment);

function matches(pattern: string[], path: string[]): boolean {
  return pattern.length === path.length && pattern.every((segment, i) => isParam(segment) || segment === path[i]);
}

/** A literal segment beats a parameter at the first place they differ: /api/orders/summary over /api/orders/[id]. */
function moreSpecific(a: string[], b: string[]): number {
  for (let i = 0; i < a.length; i++) {
    const diff = Number(isParam(a[i]!)) - Number(isParam(b[i]!));
    if (diff !== 0) return diff;
  }
  return 0;
}

/** The entry for a request path, or undefined (callers fail closed). */
export function findPolicy(pathname: string): PolicyEntry | undefined {
  let path: string[];
  try {
    // Split first: an encoded slash (a%2Fb) is one segment, as Next routes it.
    path = segmentsOf(pathname).map((segment) => decodeURIComponent(segment));
  } catch {
    return undefined;
  }
  const found = POLICY.filter((entry) => matches(segmentsOf(entry.path), path));
  return found.sort((a, b) => moreSpecific(segmentsOf(a.path), segmentsOf(b.path)))[0];
}

/** What a method needs on an entry; HEAD is GET. Undefined means no rule, so refuse. */
export function accessFor(entry: PolicyEntry, method: string): Access | undefined {
  const m = (method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase()) as Method;
  return entry.methods[m];
}
