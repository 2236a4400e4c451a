/** Runs once per server process, before it takes requests. */
export async function register() {
  // `next dev` ends its own connections on Ctrl-C; the drain is for the production server.
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NODE_ENV !== 'production') return;
  // A bad environment stops the process here, so a deployment with it never turns healthy and
  // ECS rolls it back, instead of a server that passes its liveness check and answers 500s.
  const { exitIfUnservable } = await import('./lib/startup-check');
  exitIfUnservable();
  const { installShutdownHandlers } = await import('./lib/shutdown/install');
  installShutdownHandlers();
}
