import type { Metadata, Viewport } from 'next';
import Link from 'next/link';
import { Providers } from '@/components/providers';
import { UserMenu } from '@/components/auth/user-menu';
import { MobileNav } from '@/components/ui/mobile-nav';
import { NavLink } from '@/components/ui/nav-link';
import { getCurrentCaller } from '@/lib/auth/page-guard';
import { can, type Caller, type Capability } from '@/lib/auth/roles';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Sales CDC', template: '%s · Sales CDC' },
  description: 'Orders, live change data capture and revenue analytics',
  // public/ (scripts/generate-icons.ts renders the PNGs and the .ico from favicon.svg).
  icons: {
    icon: [
      { url: '/favicon.svg', type: 'image/svg+xml' },
      { url: '/favicon.ico', sizes: '16x16 32x32 48x48' },
    ],
    apple: { url: '/apple-touch-icon.png', sizes: '180x180' },
  },
  manifest: '/manifest.webmanifest',
};

export const viewport: Viewport = {
  // The brand blue; in the dark scheme the header's surface (app/globals.css's dark --color-white).
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#2552e0' },
    { media: '(prefers-color-scheme: dark)', color: '#071023' },
  ],
  width: 'device-width',
  initialScale: 1,
};

/** Each section and what opening it needs, so nobody is shown a link to a 403. */
const SECTIONS: { href: string; label: string; needs: Capability }[] = [
  { href: '/orders', label: 'Orders', needs: 'orders:read' },
  { href: '/feed', label: 'Live feed', needs: 'pipeline:read' },
  { href: '/pipeline', label: 'Pipeline', needs: 'pipeline:read' },
  { href: '/analytics', label: 'Analytics', needs: 'analytics:read' },
  { href: '/queries', label: 'Queries', needs: 'queries:run-saved' },
];

/** The sections this caller may open, as links (the desktop bar and the phone menu show the same). */
function sectionLinks(caller: Caller) {
  return SECTIONS.filter((s) => can(caller, s.needs)).map((s) => (
    <NavLink key={s.href} href={s.href}>
      {s.label}
    </NavLink>
  ));
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Reading the session makes every page dynamic, which the per-request CSP nonce needs anyway.
  const caller = await getCurrentCaller();
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <header className="border-b border-slate-200 bg-white">
          <div className="mx-auto flex h-14 max-w-7xl items-center gap-3 px-4 sm:gap-6 sm:px-6">
            <Link href="/orders" aria-label="Sales CDC" className="flex shrink-0 items-center gap-2 font-semibold text-slate-900">
              <span aria-hidden className="grid h-7 w-7 place-items-center rounded-md bg-brand-600 text-xs font-bold text-white">
                CDC
              </span>
              <span className="hidden sm:inline">Sales CDC</span>
            </Link>
            {caller && (
              <>
                <nav aria-label="Main" className="hidden gap-1 md:flex">
                  {sectionLinks(caller)}
                </nav>
                <MobileNav>{sectionLinks(caller)}</MobileNav>
              </>
            )}
            {caller && <UserMenu caller={caller} />}
          </div>
        </header>
        <Providers>
          <main className="mx-auto max-w-7xl px-4 py-6 sm:px-6">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
