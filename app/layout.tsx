import type { Metadata } from 'next';
import Link from 'next/link';
import { Providers } from '@/components/providers';
import { NavLink } from '@/components/ui/nav-link';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Sales CDC', template: '%s · Sales CDC' },
  description: 'Orders, live change data capture and revenue analytics',
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <header className="border-b border-slate-200 bg-white">
          <div className="mx-auto flex h-14 max-w-7xl items-center gap-6 px-4 sm:px-6">
            <Link href="/orders" className="flex items-center gap-2 font-semibold text-slate-900">
              <span aria-hidden className="grid h-7 w-7 place-items-center rounded-md bg-brand-600 text-xs font-bold text-white">
                CDC
              </span>
              Sales CDC
            </Link>
            <nav aria-label="Main" className="flex gap-1">
              <NavLink href="/orders">Orders</NavLink>
              <NavLink href="/feed">Live feed</NavLink>
              <NavLink href="/pipeline">Pipeline</NavLink>
              <NavLink href="/analytics">Analytics</NavLink>
              <NavLink href="/queries">Queries</NavLink>
            </nav>
          </div>
        </header>
        <Providers>
          <main className="mx-auto max-w-7xl px-4 py-6 sm:px-6">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
