import diagnosticsChannel from 'node:diagnostics_channel';
import type { Server, ServerResponse } from 'node:http';
import { setFeedHub } from '@/lib/feed/default-hub';
import { drain } from './drain';
import { RequestTracker } from './requests';

const INSTALLED = Symbol.for('sales-cdc.shutdown-installed');
const log = (message: string) => console.log(`[shutdown] ${message}`);

/**
 * Drains the server on SIGTERM (ECS, docker stop) and SIGINT (Ctrl-C), then exits: 0 once every
 * request is answered, 1 if the deadline cut some off. Called from instrumentation.ts.
 *
 * Next's standalone server handles these signals itself unless NEXT_MANUAL_SIG_HANDLE is set: it
 * closes the listener, waits for every connection to end (an SSE stream never does) and exits
 * 143. The Dockerfile and `npm start` set the variable, so this handler is the only one.
 */
export function installShutdownHandlers(): void {
  const holder = globalThis as typeof globalThis & { [INSTALLED]?: true };
  if (holder[INSTALLED]) return;
  holder[INSTALLED] = true;

  // Next does not hand its http.Server to app code; Node's HTTP diagnostics channel names it
  // with every request, which also lets us count the requests still being answered.
  const servers = new Set<Server>();
  const requests = new RequestTracker();
  diagnosticsChannel.subscribe('http.server.request.start', (message) => {
    const { response, server } = message as { response: ServerResponse; server: Server };
    servers.add(server);
    response.once('close', requests.begin());
  });

  if (!process.env.NEXT_MANUAL_SIG_HANDLE)
    console.warn(
      '[shutdown] NEXT_MANUAL_SIG_HANDLE is not set: Next also handles SIGTERM and exits 143 once connections end',
    );

  let started = false;
  const onSignal = (signal: NodeJS.Signals) => {
    // Ctrl-C reaches both `npm start` and this child, which then also gets SIGTERM from it.
    if (started) return;
    started = true;
    log(`${signal}: draining (${requests.inFlight} requests in flight)`);
    void drain({
      stopAccepting: () => servers.forEach((server) => server.close()),
      closeIdleConnections: () => servers.forEach((server) => server.closeIdleConnections()),
      // Stops the process's hub (its pollers and private readers) and forgets it.
      stopFeed: () => setFeedHub(undefined),
      requests,
    }).then(
      (result) => {
        log(
          result.outcome === 'drained'
            ? `drained: ${result.streamsEnded} feed streams ended, every request answered`
            : `gave up waiting: ${result.cutOff} requests still in flight`,
        );
        process.exit(result.outcome === 'drained' ? 0 : 1);
      },
      (error: Error) => {
        console.error(`[shutdown] drain failed: ${error.message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
