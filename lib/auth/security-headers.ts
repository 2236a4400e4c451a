import staticHeaders from './static-security-headers.json';

/**
 * Response headers for every page, route, redirect and error. The CSP gives scripts a per-request
 * nonce (Next stamps it on its own scripts) instead of 'unsafe-inline'; styles keep
 * 'unsafe-inline' because React and Recharts render style attributes, which a nonce cannot cover.
 */
export type CspOptions = { nonce: string; dev: boolean; https: boolean; formTargets: string[] };

export function contentSecurityPolicy({ nonce, dev, https, formTargets }: CspOptions): string {
  const directives = [
    "default-src 'self'",
    // 'strict-dynamic' lets the nonced bootstrap load the chunks it imports; dev needs eval for React's tooling.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? ' ws: wss:' : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    // Sign-out is a form POST that redirects to the issuer, and Chromium checks form-action on redirects.
    `form-action 'self' ${formTargets.join(' ')}`.trim(),
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}

/** The headers that do not vary by request; next.config.js reads the same file for static files. */
export const STATIC_SECURITY_HEADERS: ReadonlyArray<{ key: string; value: string }> = staticHeaders;

export const HSTS = { key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' };
