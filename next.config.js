// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // A self-contained server (server.js + the node_modules it traces) for the container image;
  // `npm start` serves the same output, so what the tests run is what ships.
  output: 'standalone',
  // Trace from this directory, not from a lockfile Next might find further up.
  outputFileTracingRoot: __dirname,
  // The AWS SDK runs unbundled from node_modules: bundled, each call took about twice as long.
  serverExternalPackages: [
    '@aws-sdk/client-dynamodb',
    '@aws-sdk/lib-dynamodb',
    '@aws-sdk/util-dynamodb',
    '@aws-sdk/client-kinesis',
    '@aws-sdk/client-athena',
    '@aws-sdk/client-dynamodb-streams',
    '@aws-sdk/client-s3',
    '@aws-sdk/client-sqs',
    '@smithy/node-http-handler',
  ],
  // Keep `next build` output separate from `next dev` so both can coexist.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // `npm run typecheck` (part of `npm test`) checks types; skipping it here keeps `npm start` fast.
  typescript: { ignoreBuildErrors: true },
  // forbidden() renders app/forbidden.tsx with a 403 when a role may not open a page.
  experimental: { authInterrupts: true },
  // proxy.ts adds the per-request CSP; these also reach static files, which it does not see.
  async headers() {
    // A CommonJS config reads the JSON the proxy imports, so both send the same headers.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return [{ source: '/:path*', headers: require('./lib/auth/static-security-headers.json') }];
  },
};

module.exports = nextConfig;
