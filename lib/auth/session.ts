import { Unauthenticated } from './errors';
import { rolesFromGroups, type Caller } from './roles';
import { sessionExpired, type Session } from './session-cookie';

/** A session's caller; an expired one counts as none (proxy.ts refreshes it before it gets here). */
export function callerFromSession(session: Session): Caller {
  if (sessionExpired(session)) throw new Unauthenticated('the session has expired; sign in again');
  return {
    subject: session.sub,
    username: session.username,
    email: session.email,
    roles: rolesFromGroups(session.groups),
    via: 'cookie',
  };
}
