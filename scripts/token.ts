/**
 * `npm run -s token -- <user> [--password P] [--issuer URL]`: prints a seeded (or added) local
 * user's access token on stdout, and nothing else, for `Authorization: Bearer`. It signs in
 * through the local provider's real sign-in page. On AWS use Cognito instead (see the README).
 */
import { parseArgs } from 'node:util';
import { signInHeadless } from '../local/oidc/headless-sign-in';
import { seededPassword } from '../local/oidc/users';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { password: { type: 'string' }, issuer: { type: 'string' } },
});

async function main() {
  const user = positionals[0];
  if (!user) throw new Error('usage: npm run -s token -- <user> [--password P] [--issuer URL]   (users: sales, analyst, analyst2, engineer, admin)');
  const issuer = values.issuer ?? process.env.AUTH_ISSUER ?? `http://127.0.0.1:${process.env.LOCAL_OIDC_PORT ?? 4567}`;
  try {
    await fetch(new URL('/.well-known/openid-configuration', issuer), { signal: AbortSignal.timeout(3_000) });
  } catch {
    throw new Error(`No sign-in provider answers at ${issuer}. Start the local stack with \`npm start\`.`);
  }
  const { access_token } = await signInHeadless({ issuer, username: user, password: values.password ?? seededPassword(user) });
  process.stdout.write(`${access_token}\n`);
}

main().catch((error: Error) => {
  console.error(`✗ ${error.message}`);
  process.exit(1);
});
