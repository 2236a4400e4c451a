/**
 * `npm run user:add -- <username> --group analyst [--group …] --email you@example.com --password …`
 * adds (or replaces) a local sign-in user in `<data dir>/auth/users.json`. A running `npm start`
 * sees the user at their next sign-in. On AWS, add people to the Cognito user pool instead.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROLES } from '../lib/auth/roles';
import { upsertUser, usersFile } from '../local/oidc/users';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { group: { type: 'string', multiple: true, default: [] }, email: { type: 'string' }, password: { type: 'string' } },
});

function main() {
  const username = positionals[0];
  const usage = 'usage: npm run user:add -- <username> --group <sales|analyst|engineer|admin> --email <address> --password <8+ characters>';
  if (!username || !values.email || !values.password || values.group.length === 0) throw new Error(usage);
  const unknown = values.group.filter((g) => !(ROLES as readonly string[]).includes(g));
  if (unknown.length) throw new Error(`unknown group ${unknown.join(', ')}: the groups are ${ROLES.join(', ')}`);
  const dataDir = path.resolve(import.meta.dirname, '..', process.env.LOCAL_DATA_DIR ?? '.data');
  const file = usersFile(dataDir);
  const user = upsertUser(file, { username, email: values.email, groups: values.group, password: values.password });
  console.log(`✓ ${user.username} (${user.groups.join(', ')}) can sign in; stored in ${path.relative(process.cwd(), file)}`);
}

try {
  main();
} catch (error) {
  const issues = (error as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
  console.error(`✗ ${issues ? issues.map((i) => `${i.path.join('.') || 'username'} ${i.message}`).join('; ') : (error as Error).message}`);
  process.exit(1);
}
