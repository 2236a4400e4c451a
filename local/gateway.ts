import http, { type IncomingMessage, type ServerResponse } from 'node:http';

/**
 * The one local AWS endpoint (LocalStack's port 4566 by default). It routes each request to an
 * emulator by its X-Amz-Target prefix, the way AWS JSON protocols name their service; requests
 * without one (S3's REST API) go to the route marked `untargeted`.
 */
export type Route = {
  service: string;
  /** X-Amz-Target prefixes this route serves, e.g. "DynamoDB_20120810". */
  targetPrefixes: string[];
  /** Serves requests without X-Amz-Target: S3's REST API names no target. */
  untargeted?: boolean;
} & ({ upstreamPort: number } | { handle: (req: IncomingMessage, res: ServerResponse) => void });

export type Gateway = { port: number; url: string; close: () => Promise<void> };

export function sendAwsError(res: ServerResponse, status: number, type: string, message: string) {
  const body = JSON.stringify({ __type: type, message });
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

export function routeFor(routes: readonly Route[], target: string | undefined): Route | undefined {
  if (!target) return routes.find((r) => r.untargeted);
  const prefix = target.split('.')[0];
  return routes.find((r) => r.targetPrefixes.includes(prefix ?? ''));
}

const upstreamAgent = new http.Agent({ keepAlive: true, maxSockets: 128 });

function proxy(req: IncomingMessage, res: ServerResponse, port: number, service: string) {
  const upstream = http.request(
    { host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers, agent: upstreamAgent },
    (upstreamRes) => {
      // Emulators answer CORS for any origin by default (kinesalite, DynamoDB Local's `*`): none of it passes.
      const headers = Object.fromEntries(Object.entries(upstreamRes.headers).filter(([name]) => !name.startsWith('access-control-')));
      res.writeHead(upstreamRes.statusCode ?? 502, headers);
      upstreamRes.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (!res.headersSent) sendAwsError(res, 503, 'ServiceUnavailableException', `The local ${service} emulator is not answering`);
    else res.destroy();
  });
  req.pipe(upstream);
}

export function startGateway(routes: readonly Route[], port: number, host = '127.0.0.1'): Promise<Gateway> {
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/_local/health') {
      const body = JSON.stringify({ services: Object.fromEntries(routes.map((r) => [r.service, 'running'])) });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
      return;
    }
    if (req.headers.origin !== undefined) {
      // Browsers name the page's origin on every cross-origin request (and on any POST); SDKs and
      // the CLI never do. A web page open in the user's browser can reach loopback, so it is
      // turned away here, before any emulator sees it, preflight included.
      req.resume();
      sendAwsError(res, 403, 'AccessDeniedException', 'The local AWS endpoint does not serve browsers: requests that carry an Origin header are refused');
      return;
    }
    const target = req.headers['x-amz-target'];
    const route = routeFor(routes, Array.isArray(target) ? target[0] : target);
    if (!route) {
      req.resume();
      const known = routes.flatMap((r) => r.targetPrefixes).join(', ');
      sendAwsError(res, 400, 'UnknownOperationException', `The local endpoint does not serve ${target ?? 'requests without X-Amz-Target'}; it serves ${known}`);
      return;
    }
    if ('upstreamPort' in route) proxy(req, res, route.upstreamPort, route.service);
    else route.handle(req, res);
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`Port ${port} is already in use (another local AWS or LocalStack?). Stop it, or set LOCAL_AWS_PORT to a free port.`)
          : error,
      );
    });
    server.listen(port, host, () => {
      const address = server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      resolve({
        port: actualPort,
        url: `http://${host}:${actualPort}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
