import { gzipSync } from 'node:zlib';
import { round } from './stats';

/** kB of 1000 bytes, as `next build` prints them. */
export const FIRST_LOAD_TARGET_KB = 250;

export type PageJs = {
  path: string;
  status: number;
  scripts: number;
  raw_kb: number;
  gzip_kb: number;
  pass: boolean;
};

/**
 * What a browser downloads as JS on a first visit: every <script src> under /_next/static in the
 * server-rendered HTML, gzipped one by one (level 9), shared chunks counted for every page.
 */
export type FirstLoadJs = {
  pages: Record<string, PageJs>;
  /** The five biggest scripts (gzip kB) over all pages: where to look when a page grows. */
  largest_scripts: { src: string; gzip_kb: number }[];
};

/** `authorization`: the pages need a signed-in caller (a Bearer token counts, as for the API). */
export async function measureFirstLoadJs(baseUrl: string, orderId: string, authorization: string): Promise<FirstLoadJs> {
  const pages: [string, string][] = [
    ['/orders', '/orders'],
    ['/orders/new', '/orders/new'],
    ['/orders/[id]', `/orders/${orderId}`],
    ['/orders/[id]/edit', `/orders/${orderId}/edit`],
    ['/feed', '/feed'],
    ['/pipeline', '/pipeline'],
    ['/pipeline/trace/[orderId]', `/pipeline/trace/${orderId}`],
    ['/analytics', '/analytics'],
    ['/queries', '/queries'],
  ];
  const sizes = new Map<string, Promise<{ raw: number; gzip: number }>>();
  const sizeOf = (src: string) => {
    if (!sizes.has(src)) {
      sizes.set(
        src,
        (async () => {
          const response = await fetch(new URL(src, baseUrl), { signal: AbortSignal.timeout(15_000) });
          if (!response.ok) throw new Error(`GET ${src} answered ${response.status}`);
          const body = Buffer.from(await response.arrayBuffer());
          return { raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
        })(),
      );
    }
    return sizes.get(src)!;
  };

  const pagesJs: Record<string, PageJs> = {};
  for (const [route, path] of pages) {
    const response = await fetch(new URL(path, baseUrl), {
      headers: { authorization },
      redirect: 'manual',
      signal: AbortSignal.timeout(30_000),
    });
    // A redirect here would be to sign-in: measuring that page instead would be a wrong figure.
    if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}, not the page`);
    const html = await response.text();
    const srcs = [
      ...new Set(
        [...html.matchAll(/<script\b[^>]*?\ssrc="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&')),
      ),
    ].filter((src) => new URL(src, baseUrl).pathname.startsWith('/_next/static/'));
    const files = await Promise.all(srcs.map(sizeOf));
    const gzipKb = round(files.reduce((sum, f) => sum + f.gzip, 0) / 1000, 1);
    pagesJs[route] = {
      path,
      status: response.status,
      scripts: srcs.length,
      raw_kb: round(files.reduce((sum, f) => sum + f.raw, 0) / 1000, 1),
      gzip_kb: gzipKb,
      pass: response.ok && gzipKb <= FIRST_LOAD_TARGET_KB,
    };
  }
  const all = await Promise.all(
    [...sizes].map(async ([src, size]) => ({ src, gzip_kb: round((await size).gzip / 1000, 1) })),
  );
  return { pages: pagesJs, largest_scripts: all.sort((a, b) => b.gzip_kb - a.gzip_kb).slice(0, 5) };
}
