import Link from 'next/link';
import { buttonClass } from '@/components/ui/button-styles';

/** What requirePageAccess shows (HTTP 403) when the caller's role may not open a page. */
export default function Forbidden() {
  return (
    <div className="mx-auto mt-16 max-w-md rounded-lg border border-slate-200 bg-white p-8 text-center shadow-sm">
      <h1 className="text-xl font-semibold text-slate-900">Not available to your role</h1>
      <p className="mt-2 text-sm text-slate-600">
        You are signed in, but your role may not open this page. Ask an admin if you need it.
      </p>
      <Link href="/" className={`${buttonClass('secondary')} mt-6 inline-flex`}>
        Go to the start page
      </Link>
    </div>
  );
}
