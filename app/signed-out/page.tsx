import type { Metadata } from 'next';
import { buttonClass } from '@/components/ui/button-styles';

export const metadata: Metadata = { title: 'Signed out' };

type Props = { searchParams: Promise<{ error?: string }> };

/** Public: where sign-out lands, and where a failed sign-in explains itself. */
export default async function SignedOutPage({ searchParams }: Props) {
  const { error } = await searchParams;
  return (
    <div className="mx-auto mt-16 max-w-md rounded-lg border border-slate-200 bg-white p-8 text-center shadow-sm">
      <h1 className="text-xl font-semibold text-slate-900">{error ? 'Sign-in did not complete' : 'You are signed out'}</h1>
      <p className="mt-2 text-sm text-slate-600" role={error ? 'alert' : undefined}>
        {error ? `The sign-in failed: ${error}.` : 'Your session has ended here and at the sign-in provider.'}
      </p>
      {/* A plain link: the sign-in route is a redirect, not a page the client router can prefetch. */}
      <a href="/auth/sign-in?return_to=%2F" className={`${buttonClass('primary')} mt-6 inline-flex`}>
        Sign in
      </a>
    </div>
  );
}
