import { randomBytes, randomUUID, scryptSync, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ROLES, type Role } from '@/lib/auth/roles';

/**
 * The local provider's people: five seeded users (password `local-<name>`) plus whoever is in
 * `<data dir>/auth/users.json`, re-read at each sign-in so a running stack sees new users.
 */
export type LocalUser = { username: string; sub: string; email: string; groups: string[]; password_hash: string };

export const SEEDED_USERNAMES = ['sales', 'analyst', 'analyst2', 'engineer', 'admin'] as const;
/** Each seeded user's one group, which is its role. */
export const SEEDED_GROUPS: Record<(typeof SEEDED_USERNAMES)[number], Role> = {
  sales: 'sales',
  analyst: 'analyst',
  analyst2: 'analyst',
  engineer: 'engineer',
  admin: 'admin',
};
/** Fixed subjects, so a seeded user is the same person across restarts and machines. */
const SEEDED_SUBS: Record<(typeof SEEDED_USERNAMES)[number], string> = {
  sales: '5a1e5000-0000-4000-8000-000000000001',
  analyst: '5a1e5000-0000-4000-8000-000000000002',
  analyst2: '5a1e5000-0000-4000-8000-000000000003',
  engineer: '5a1e5000-0000-4000-8000-000000000004',
  admin: '5a1e5000-0000-4000-8000-000000000005',
};

export const seededPassword = (username: string) => `local-${username}`;

// Cheap enough for a login page, still a real KDF (N=2^14 is scrypt's interactive setting).
const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 };

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

export function verifyPassword(password: string, stored: string): boolean {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = scryptSync(password, Buffer.from(salt, 'base64url'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

const usernameSchema = z.string().regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'must be 2-64 lower-case letters, digits, . _ -');
const userSchema = z.object({
  username: usernameSchema,
  sub: z.string().min(1),
  email: z.email(),
  groups: z.array(z.enum(ROLES, { message: `must be one of ${ROLES.join(', ')}` })),
  password_hash: z.string().startsWith('scrypt$'),
});
const fileSchema = z.object({ users: z.array(userSchema) });

export const usersFile = (dataDir: string) => path.join(dataDir, 'auth', 'users.json');

/** The added users, or a clear error naming the file and the bad field. */
export function readAddedUsers(file: string): LocalUser[] {
  if (!existsSync(file)) return [];
  const parsed = fileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${file}: ${issue.path.join('.')} ${issue.message}`);
  }
  return parsed.data.users;
}

let seeded: LocalUser[] | undefined;
function seededUsers(): LocalUser[] {
  // Hashed once per process: the seeded passwords are public, the hashing keeps one code path.
  seeded ??= SEEDED_USERNAMES.map((username) => ({
    username,
    sub: SEEDED_SUBS[username],
    email: `${username}@example.com`,
    groups: [SEEDED_GROUPS[username]],
    password_hash: hashPassword(seededPassword(username)),
  }));
  return seeded;
}

export class UserDirectory {
  constructor(private readonly file: string | undefined) {}

  all(): LocalUser[] {
    const added = this.file ? readAddedUsers(this.file) : [];
    const names = new Set(added.map((u) => u.username));
    return [...seededUsers().filter((u) => !names.has(u.username)), ...added];
  }

  bySub(sub: string): LocalUser | undefined {
    return this.all().find((u) => u.sub === sub);
  }

  /** The user when the password matches; undefined for an unknown user or a wrong password alike. */
  authenticate(username: string, password: string): LocalUser | undefined {
    const user = this.all().find((u) => u.username === username.trim().toLowerCase());
    // Hash even for an unknown user, so timing does not tell which usernames exist.
    const ok = verifyPassword(password, user?.password_hash ?? seededUsers()[0]!.password_hash);
    return user && ok ? user : undefined;
  }
}

export type NewUser = { username: string; email: string; groups: string[]; password: string };

/** Adds or replaces one user in the file (written atomically, owner-only). */
export function upsertUser(file: string, input: NewUser): LocalUser {
  const username = usernameSchema.parse(input.username);
  if (input.password.length < 8) throw new Error('the password must be at least 8 characters');
  const existing = readAddedUsers(file);
  const previous = existing.find((u) => u.username === username);
  const user = userSchema.parse({
    username,
    sub: previous?.sub ?? randomUUID(),
    email: input.email,
    groups: input.groups,
    password_hash: hashPassword(input.password),
  });
  const users = [...existing.filter((u) => u.username !== username), user];
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify({ users }, null, 2)}\n`, { mode: 0o600 });
  renameSync(temp, file);
  return user;
}
