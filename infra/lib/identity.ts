import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ROLES, type Role } from '@/lib/auth/roles';
import { physicalName, type StageConfig } from './config';

/** Each role is a group of the same name (the `cognito:groups` claim); lib/auth/roles.ts says what it grants. */
export const GROUP_DESCRIPTIONS: Record<Role, string> = {
  sales: 'Sales: create, edit and delete orders; sees customer emails; runs saved queries.',
  analyst: 'Analyst: analytics and ad-hoc SQL (saves its own queries); customer emails masked.',
  engineer:
    'Engineer: live feed, trace, pipeline health and ad-hoc SQL (saves its own queries); customer emails masked.',
  admin: "Admin: everything, including editing or deleting anyone's saved query.",
};

/** The dashboard's routes that Cognito redirects to (app/auth/callback, app/signed-out). */
export const CALLBACK_PATH = '/auth/callback';
export const SIGNED_OUT_PATH = '/signed-out';

const TOKEN_VALIDITY = {
  accessTokenValidity: Duration.hours(1),
  idTokenValidity: Duration.hours(1),
  refreshTokenValidity: Duration.days(30),
};

/**
 * Who may sign in and what role they have: a Cognito user pool (admin-created users only), one
 * group per role, the dashboard's web client, a `cli` client for scripts that send Bearer tokens,
 * and the managed-login domain.
 */
export class Identity extends Construct {
  readonly userPool: cognito.UserPool;
  readonly groups: Record<Role, cognito.UserPoolGroup>;
  readonly webClient: cognito.UserPoolClient;
  readonly cliClient: cognito.UserPoolClient;
  readonly domain: cognito.UserPoolDomain;
  readonly branding: cognito.CfnManagedLoginBranding;
  /** The OIDC issuer (AUTH_ISSUER): `https://cognito-idp.<region>.amazonaws.com/<pool id>`. */
  readonly issuerUrl: string;
  /** Managed login's `/logout` (AUTH_LOGOUT_URL). */
  readonly logoutUrl: string;
  readonly mfaRequired: boolean;

  constructor(scope: Construct, id: string, config: StageConfig) {
    super(scope, id);
    const stack = Stack.of(this);
    const { auth } = config;
    this.mfaRequired = auth.mfa === 'required';

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: physicalName(config.stage, 'sales-cdc-users'),
      // An admin creates every account (admin-create-user) and puts it in a group.
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      standardAttributes: { email: { required: true, mutable: true } },
      autoVerify: { email: true },
      // A changed email stays unused until verified, so nobody can redirect recovery mail unnoticed.
      keepOriginal: { email: true },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
        passwordHistorySize: 5,
      },
      mfa: this.mfaRequired ? cognito.Mfa.REQUIRED : cognito.Mfa.OPTIONAL,
      // TOTP only: SMS needs an SNS role, spend limits and a sandbox exit, and is the weaker factor.
      mfaSecondFactor: { otp: true, sms: false, email: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      userInvitation: {
        emailSubject: 'Your sales dashboard account',
        emailBody: `Your username is {username} and your temporary password is {####}. Sign in at ${auth.appUrls[0]} within 3 days and choose a new password.`,
      },
      // Plus: threat protection blocks risky sign-ins and compromised passwords (cdk-nag COG8).
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: config.deletionProtection,
      removalPolicy: config.deletionProtection ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    this.groups = Object.fromEntries(
      ROLES.map((role) => [
        role,
        new cognito.UserPoolGroup(this, `Group-${role}`, {
          userPool: this.userPool,
          groupName: role,
          description: GROUP_DESCRIPTIONS[role],
        }),
      ]),
    ) as Record<Role, cognito.UserPoolGroup>;

    // No client secret: the dashboard is a public client using PKCE. A secret would sit in every
    // copy of .env.local; PKCE (S256, which lib/auth/sign-in.ts always sends, since Cognito cannot
    // require it per client) binds each code to the sign-in that asked for it, and the callback URL
    // list keeps codes from being sent anywhere else.
    this.webClient = this.userPool.addClient('WebClient', {
      userPoolClientName: physicalName(config.stage, 'dashboard'),
      generateSecret: false,
      // SRP is what managed login uses for passwords; refresh renews the session cookie.
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: auth.appUrls.map((url) => `${url}${CALLBACK_PATH}`),
        logoutUrls: auth.appUrls.map((url) => `${url}${SIGNED_OUT_PATH}`),
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      ...TOKEN_VALIDITY,
    });

    // For scripts and API clients: InitiateAuth gives an access token to send as `Authorization: Bearer`.
    this.cliClient = this.userPool.addClient('CliClient', {
      userPoolClientName: physicalName(config.stage, 'cli'),
      generateSecret: false,
      disableOAuth: true,
      authFlows: { userSrp: true, userPassword: true },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      ...TOKEN_VALIDITY,
    });

    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: auth.domainPrefix ?? `sales-cdc-${config.stage}-${stack.account}` },
      managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    // Managed login (v2) serves a client's pages only once the client has a style; Cognito's own will do.
    this.branding = new cognito.CfnManagedLoginBranding(this, 'WebClientBranding', {
      userPoolId: this.userPool.userPoolId,
      clientId: this.webClient.userPoolClientId,
      useCognitoProvidedValues: true,
    });

    this.issuerUrl = `https://cognito-idp.${stack.region}.${stack.urlSuffix}/${this.userPool.userPoolId}`;
    this.logoutUrl = `${this.domain.baseUrl()}/logout`;
  }
}
