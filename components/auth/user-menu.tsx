import type { Caller } from '@/lib/auth/roles';
import { primaryRole } from '@/lib/auth/roles';

/** Who is signed in, as what, and the way out. A plain form: sign-out works before hydration too. */
export function UserMenu({ caller }: { caller: Caller }) {
  const role = primaryRole(caller);
  return (
    <div className="ml-auto flex items-center gap-3 text-sm">
      <div className="text-right leading-tight">
        <div className="font-medium text-slate-900" data-testid="signed-in-user">
          {caller.username}
        </div>
        <div className="text-xs text-slate-600" data-testid="signed-in-role">
          {role ?? 'no role'}
        </div>
      </div>
      <form action="/auth/sign-out" method="post">
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-50">
          Sign out
        </button>
      </form>
    </div>
  );
}
