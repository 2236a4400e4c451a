/**
 * Roles and what each may do. Roles are Cognito groups (the `cognito:groups` claim), locally
 * the same claim from the embedded provider, so one mapping serves both issuers.
 */
export const ROLES = ['sales', 'analyst', 'engineer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Everything a role may be granted. Routes and pages name these, never roles directly. */
export const CAPABILITIES = {
  'orders:read': ['sales', 'analyst', 'engineer', 'admin'],
  'orders:write': ['sales', 'admin'],
  /** Customer email unmasked; everyone else sees j•••@example.com. */
  'orders:read-email': ['sales', 'admin'],
  'analytics:read': ['sales', 'analyst', 'engineer', 'admin'],
  'pipeline:read': ['engineer', 'admin'],
  'queries:run-saved': ['sales', 'analyst', 'engineer', 'admin'],
  /** Ad-hoc SQL and saving a new query; editing is then limited to the caller's own. */
  'queries:author': ['analyst', 'engineer', 'admin'],
  /** Edit or delete anyone's saved query. */
  'queries:manage-any': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Capability = keyof typeof CAPABILITIES;

/** Who is calling, only ever built from a verified token or a verified session. */
export type Caller = {
  /** The issuer's subject (Cognito's `sub`). */
  subject: string;
  /** What audit fields record: `cognito:username` / `username`, e.g. `sales`. */
  username: string;
  email?: string;
  roles: Role[];
  /** How the request authenticated: the session cookie, a Bearer access token, or an internal job. */
  via: 'cookie' | 'bearer' | 'service' | 'anonymous';
};

/** What a public route's handler is given: no identity, no roles. */
export const ANONYMOUS: Caller = Object.freeze({ subject: 'anonymous', username: 'anonymous', roles: [], via: 'anonymous' });

/** A named service identity for writes that no person makes (the traffic generator, the seed). */
export function serviceCaller(name: string): Caller {
  return { subject: `service:${name}`, username: `service:${name}`, roles: [], via: 'service' };
}

export function rolesFromGroups(groups: unknown): Role[] {
  if (!Array.isArray(groups)) return [];
  return ROLES.filter((role) => groups.includes(role));
}

export function rolesFor(capability: Capability): readonly Role[] {
  return CAPABILITIES[capability];
}

export function can(caller: Pick<Caller, 'roles'> | null | undefined, capability: Capability): boolean {
  if (!caller) return false;
  const allowed: readonly Role[] = CAPABILITIES[capability];
  return caller.roles.some((role) => allowed.includes(role));
}

/** The role shown in the header: the most capable one the caller has. */
export function primaryRole(caller: Pick<Caller, 'roles'>): Role | undefined {
  return [...ROLES].reverse().find((role) => caller.roles.includes(role));
}
