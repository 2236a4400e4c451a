/** The local provider's two clients; kept apart so scripts need not load oidc-provider itself. */
export const WEB_CLIENT_ID = 'sales-cdc-web';
export const CLI_CLIENT_ID = 'sales-cdc-cli';
/** The headless flow reads the code from this redirect; nothing listens there. */
export const CLI_REDIRECT_URI = 'http://127.0.0.1/cli/callback';
