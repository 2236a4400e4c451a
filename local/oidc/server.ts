import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Provider from 'oidc-provider';
import { loadCookieKeys, loadSessionSecret, loadSigningKeys } from './secrets';
import { signInPage } from './pages';
import { CLI_CLIENT_ID, WEB_CLIENT_ID } from './clients';
import { createProvider } from './provider';
import { UserDirectory, usersFile } from './users';

export type LocalOidcOptions = {
  /** 0 picks a free port. */
  port: number;
  /** Keys, the session secret and added users persist here; none keeps everything in memory. */
  dataDir?: string;
  /** Where the dashboard is opened: its callback and sign-out URLs are registered for each. */
  appUrls: string[];
};

export type LocalOidc = {
  issuer: string;
  /** What the dashboard needs to use this provider (lib/config.ts). */
  env: Record<string, string>;
  stop: () => Promise<void>;
};

const MAX_FORM_BYTES = 8 * 1024;

/** The embedded OpenID Connect provider, on loopback only. */
export async function startLocalOidc(options: LocalOidcOptions): Promise<LocalOidc> {
  const [jwks, cookieKeys, sessionSecret] = await Promise.all([
    loadSigningKeys(options.dataDir),
    loadCookieKeys(options.dataDir),
    loadSessionSecret(options.dataDir),
  ]);
  const users = new UserDirectory(options.dataDir ? usersFile(options.dataDir) : undefined);
  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`Port ${options.port} (sign-in provider) is already in use; set LOCAL_OIDC_PORT`) : error),
    );
    server.listen(options.port, '127.0.0.1', resolve);
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = createProvider({ issuer, appUrls: options.appUrls, users, jwks, cookieKeys });
  provider.on('server_error', (_ctx, error) => console.error('[oidc] server error:', error.message));
  const callback = provider.callback();
  // The sign-in POST ends in a redirect to the dashboard, and Chromium applies form-action to redirects.
  const formTargets = [...new Set(options.appUrls.map((url) => new URL(url).origin))].join(' ');
  server.on('request', (req, res) => {
    const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(new URL(req.url ?? '/', issuer).pathname);
    if (!match) return void callback(req, res);
    interaction(provider, users, req, res, Boolean(match[2]), formTargets).catch((error: Error) => {
      console.error('[oidc] interaction failed:', error.message);
      if (!res.headersSent) send(res, 400, `<!doctype html><p>The sign-in could not continue: ${error.name}. Go back to the dashboard and sign in again.</p>`);
    });
  });
  return {
    issuer,
    env: { AUTH_ISSUER: issuer, AUTH_CLIENT_ID: WEB_CLIENT_ID, AUTH_API_CLIENT_IDS: CLI_CLIENT_ID, SESSION_SECRET: sessionSecret },
    stop: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** The sign-in prompt: a form, and its POST. The interaction cookie ties the POST to this browser. */
async function interaction(
  provider: Provider,
  users: UserDirectory,
  req: IncomingMessage,
  res: ServerResponse,
  submitted: boolean,
  formTargets: string,
) {
  const details = await provider.interactionDetails(req, res);
  const clientName = details.params.client_id === WEB_CLIENT_ID ? 'the Sales CDC dashboard' : 'Sales CDC scripts';
  const action = `/interaction/${details.uid}/login`;
  if (details.prompt.name === 'consent') return grantConsent(provider, details, req, res);
  if (!submitted || req.method !== 'POST') return send(res, 200, signInPage({ action, client: clientName }), formTargets);
  const form = new URLSearchParams(await readBody(req));
  const username = form.get('username') ?? '';
  const user = users.authenticate(username, form.get('password') ?? '');
  if (!user) return send(res, 401, signInPage({ action, client: clientName, username, error: 'Incorrect username or password.' }), formTargets);
  await provider.interactionFinished(req, res, { login: { accountId: user.sub } }, { mergeWithLastSubmission: false });
}

type Details = Awaited<ReturnType<Provider['interactionDetails']>>;

/** Our own clients get what they asked for without a consent screen, as with Cognito's app clients. */
async function grantConsent(provider: Provider, details: Details, req: IncomingMessage, res: ServerResponse) {
  const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
  const existing = details.grantId ? await provider.Grant.find(details.grantId) : undefined;
  const grant = existing ?? new provider.Grant({ accountId: details.session!.accountId, clientId: details.params.client_id as string });
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_FORM_BYTES) {
        reject(new Error('the sign-in form is too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, html: string, formTargets = '') {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'x-frame-options': 'DENY',
    'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; form-action 'self' ${formTargets}; frame-ancestors 'none'`,
  });
  res.end(html);
}
