import 'server-only';
import type { ZodError, ZodType } from 'zod';
import { OrderNotFound, OrderVersionConflict, ValidationError, type FieldIssue } from '@/lib/orders/errors';
import { ServiceUnavailable } from '@/lib/service-unavailable';
import { authorizeRequest } from '@/lib/auth/authorize';
import { Forbidden, Unauthenticated } from '@/lib/auth/errors';
import { ANONYMOUS, type Caller } from '@/lib/auth/roles';

/** Requests larger than this are refused before parsing (a 100-line order is ~30 KB). */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

export function json(body: unknown, status = 200, headers?: HeadersInit): Response {
  return Response.json(body, { status, headers: { 'cache-control': 'no-store', ...headers } });
}

/** One issue per field; an unknown key is reported at its own path so clients can point at it. */
export function zodIssues(error: ZodError): FieldIssue[] {
  return error.issues.flatMap((issue) => {
    const at = (path: PropertyKey[]) => path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: at([...issue.path, key]), message: `Unknown field "${key}"` }));
    }
    return [{ path: at(issue.path), message: issue.message }];
  });
}

export function parseWith<T extends ZodType>(schema: T, value: unknown) {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(zodIssues(result.error));
  return result.data as ReturnType<T['parse']>;
}

class PayloadTooLarge extends Error {}
class UnsupportedMediaType extends Error {}

/** Reads a JSON body with a size cap; every failure becomes a typed error the handler maps. */
export async function readJson(request: Request): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new UnsupportedMediaType(`Send the body as JSON with Content-Type: application/json (got ${type || 'none'})`);
  }
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) throw new PayloadTooLarge();
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new PayloadTooLarge();
  if (text.trim() === '') throw new ValidationError([{ path: '', message: 'The request body is empty; send the order as JSON' }]);
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError([{ path: '', message: 'The request body is not valid JSON' }]);
  }
}

/** Turns named domain errors into HTTP answers. Unknown errors are logged and become a plain 500. */
export function errorResponse(error: unknown): Response {
  if (error instanceof Unauthenticated) {
    const challenge = error.bearerError ? `Bearer error="${error.bearerError}"` : 'Bearer';
    return json({ error: 'unauthenticated', message: error.message }, 401, { 'www-authenticate': challenge });
  }
  if (error instanceof Forbidden) return json({ error: 'forbidden', message: error.message, required: error.required }, 403);
  if (error instanceof ValidationError) return json({ error: 'validation', issues: error.issues }, 400);
  if (error instanceof OrderNotFound) return json({ error: 'not_found', message: error.message }, 404);
  if (error instanceof OrderVersionConflict) {
    return json({ error: 'conflict', message: error.message, current: error.current }, 409);
  }
  if (error instanceof UnsupportedMediaType) return json({ error: 'unsupported_media_type', message: error.message }, 415);
  if (error instanceof PayloadTooLarge) {
    return json({ error: 'payload_too_large', message: `The body must be at most ${MAX_BODY_BYTES / 1024 / 1024} MiB` }, 413);
  }
  if (error instanceof ServiceUnavailable) {
    console.error(`[api] ${error.service} unavailable:`, (error.cause as Error | undefined)?.name, (error.cause as Error | undefined)?.message);
    return json({ error: 'unavailable', message: error.message }, 503, { 'retry-after': '2' });
  }
  console.error('[api] unexpected error:', error);
  return json({ error: 'internal', message: 'Something went wrong on our side. The error has been logged.' }, 500);
}

export type RouteHandler<C> = (request: Request, context: C, caller: Caller) => Promise<Response>;

/** Handlers that read no route params may be called with the request alone (tests, benchmarks). */
type ContextArg<C> = unknown extends C ? [context?: C] : [context: C];

export type HandleOptions = {
  /** A feature's own named errors as HTTP answers; undefined falls through to errorResponse. */
  mapError?: (error: unknown) => Response | undefined;
};

/**
 * Wraps every route handler: authorizes the request from the policy table (lib/auth/policy),
 * verifying the token or session itself rather than trusting proxy.ts, then maps every thrown
 * error so none is leaked. The handler gets the verified caller.
 */
export function handle<C = unknown>(fn: RouteHandler<C>, options: HandleOptions = {}) {
  return async (request: Request, ...rest: ContextArg<C>): Promise<Response> => {
    try {
      const { caller } = await authorizeRequest(request);
      return await fn(request, rest[0] as C, caller ?? ANONYMOUS);
    } catch (error) {
      return options.mapError?.(error) ?? errorResponse(error);
    }
  };
}

/** Query string → plain object, dropping empty values so `?status=` means "any status". */
export function searchParamsObject(url: string): Record<string, string> {
  const entries = [...new URL(url).searchParams.entries()].filter(([, v]) => v !== '');
  return Object.fromEntries(entries);
}
