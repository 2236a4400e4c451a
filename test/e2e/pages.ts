import { CAPABILITIES, type Capability, type Role } from '@/lib/auth/roles';
import { SEEDED_GROUPS } from '@/local/oidc/users';
import type { SeededUser } from './sign-in';

/** Every page of the app and what opening it needs (app/layout.tsx's sections, and the form). */
const PAGES: [string, Capability][] = [
  ['/orders', 'orders:read'],
  ['/orders/new', 'orders:write'],
  ['/feed', 'pipeline:read'],
  ['/pipeline', 'pipeline:read'],
  ['/analytics', 'analytics:read'],
  ['/queries', 'queries:run-saved'],
];

/** The pages a seeded user may open, by its role. */
export function pagesFor(user: SeededUser): string[] {
  const role = SEEDED_GROUPS[user];
  return PAGES.filter(([, needs]) => (CAPABILITIES[needs] as readonly Role[]).includes(role)).map(([url]) => url);
}
