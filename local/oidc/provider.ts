import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { CLI_CLIENT_ID, CLI_REDIRECT_URI, WEB_CLIENT_ID } from './clients';
import { memoryAdapterFactory } from './memory-adapter';
import { errorPage, logoutPage, signedOutPage } from './pages';
import type { UserDirectory } from './users';

/**
 * oidc-provider configured to issue what Cognito issues (DESIGN.md §8): code flow with PKCE
 * only, RS256 JWT access tokens with `client_id`, `token_use`, `username`, `scope` and
 * `cognito:groups`, ID tokens with `email`, `cognito:username` and `cognito:groups`, refresh
 * tokens always, and an RP-initiated logout that, like Cognito's /logout, asks nothing.
 */
/** The API the access tokens are for. RFC 9068 JWT access tokens carry it as `aud`; Cognito's have none, and the app ignores it. */
const RESOURCE = 'urn:sales-cdc:api';
const SCOPES = ['openid', 'email', 'profile'];

export type ProviderOptions = { issuer: string; appUrls: string[]; users: UserDirectory; jwks: { keys: object[] }; cookieKeys: string[] };

export function createProvider({ issuer, appUrls, users, jwks, cookieKeys }: ProviderOptions): Provider {
  const adapterFor = memoryAdapterFactory();
  const configuration: Configuration = {
    adapter: adapterFor as unknown as Configuration['adapter'],
    clients: [
      {
        client_id: WEB_CLIENT_ID,
        client_name: 'Sales CDC dashboard',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: appUrls.map((url) => `${url}/auth/callback`),
        post_logout_redirect_uris: appUrls.map((url) => `${url}/signed-out`),
      },
      {
        client_id: CLI_CLIENT_ID,
        client_name: 'Sales CDC scripts',
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: [CLI_REDIRECT_URI],
      },
    ],
    jwks: jwks as Configuration['jwks'],
    cookies: { keys: cookieKeys },
    scopes: SCOPES,
    responseTypes: ['code'],
    pkce: { required: () => true },
    claims: {
      openid: ['sub', 'cognito:groups', 'cognito:username', 'token_use'],
      email: ['email', 'email_verified'],
      profile: [],
    },
    // Cognito puts the scope claims in the ID token even though an access token is issued too.
    conformIdTokenClaims: false,
    async findAccount(_ctx, sub) {
      const user = users.bySub(sub);
      if (!user) return undefined;
      return {
        accountId: sub,
        async claims(use) {
          return {
            sub,
            email: user.email,
            email_verified: true,
            'cognito:groups': user.groups,
            'cognito:username': user.username,
            ...(use === 'id_token' ? { token_use: 'id' } : {}),
          };
        },
      };
    },
    async extraTokenClaims(_ctx, token) {
      if (token.kind !== 'AccessToken' || !token.accountId) return undefined;
      const user = users.bySub(token.accountId);
      if (!user) return undefined;
      return { token_use: 'access', username: user.username, 'cognito:groups': user.groups };
    },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          scope: SCOPES.join(' '),
          accessTokenFormat: 'jwt',
          accessTokenTTL: 3600,
          jwt: { sign: { alg: 'RS256' } },
        }),
      },
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(ctx: KoaContextWithOIDC, form: string) {
          ctx.body = logoutPage(form);
        },
        async postLogoutSuccessSource(ctx: KoaContextWithOIDC) {
          ctx.body = signedOutPage();
        },
      },
    },
    // Cognito always issues a refresh token to the code flow.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    ttl: {
      AccessToken: 3600,
      IdToken: 3600,
      AuthorizationCode: 60,
      RefreshToken: 30 * 24 * 3600,
      Session: 8 * 3600,
      Grant: 30 * 24 * 3600,
      Interaction: 600,
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = errorPage(String(out.error), out.error_description as string | undefined);
    },
  };
  return new Provider(issuer, configuration);
}
