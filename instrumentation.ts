/** Runs once per server process, before it takes requests. */
export async function register() {
  // `next dev` ends its own connections on Ctrl-C; the drain is for the production server.
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NODE_ENV !== 'production') return;
  const { installShutdownHandlers } = await import('./lib/shutdown/install');
  installShutdownHandlers();
}
