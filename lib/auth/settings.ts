import 'server-only';
import { getConfig } from '@/lib/config';
import { AuthNotConfigured } from './errors';

export type ReadyAuthSettings = {
  issuer: string;
  clientId: string;
  acceptedClientIds: string[];
  logoutUrl: string | undefined;
  scopes: string;
  sessionSecret: string;
  appUrl: string;
};

/** The auth settings with everything sign-in needs, or AuthNotConfigured (503): never open by default. */
export function getAuthSettings(): ReadyAuthSettings {
  const auth = getConfig().auth;
  const missing = [
    !auth.issuer && 'AUTH_ISSUER',
    !auth.clientId && 'AUTH_CLIENT_ID',
    !auth.sessionSecret && 'SESSION_SECRET',
  ].filter((name): name is string => Boolean(name));
  if (missing.length) throw new AuthNotConfigured(missing);
  return auth as ReadyAuthSettings;
}

/** True when the app is served over HTTPS, where cookies are Secure and HSTS is sent. */
export const isHttpsApp = (appUrl: string) => appUrl.startsWith('https://');
