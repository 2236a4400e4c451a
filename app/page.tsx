import { redirect } from 'next/navigation';
import { requirePageAccess } from '@/lib/auth/page-guard';
import { can } from '@/lib/auth/roles';

/** The start page: orders for everyone who may read them, else a word on what is missing. */
export default async function Home() {
  const caller = await requirePageAccess('/');
  if (can(caller, 'orders:read')) redirect('/orders');
  return (
    <div className="mx-auto mt-16 max-w-md rounded-lg border border-slate-200 bg-white p-8 text-center shadow-sm">
      <h1 className="text-xl font-semibold text-slate-900">Your account has no role yet</h1>
      <p className="mt-2 text-sm text-slate-600">
        You are signed in as <strong>{caller.username}</strong>, but you are in none of the groups sales, analyst,
        engineer or admin. Ask an admin to add you to one.
      </p>
    </div>
  );
}
