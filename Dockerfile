# syntax=docker/dockerfile:1
#
# The dashboard as Next's standalone server, for ECS Fargate (linux/arm64) behind an ALB.
# The CDK (infra/) stages this directory with DockerImageAsset and builds it at deploy time;
# by hand: docker build --platform linux/arm64 -t sales-cdc-dashboard .
#
# Pinned to the Node release the tests run on; bookworm (glibc) matches the prebuilt
# @next/swc-linux-arm64-gnu and sharp binaries in the lockfile.
ARG NODE_IMAGE=node:20.20.2-bookworm-slim

# ---- deps: the lockfile's exact tree, devDependencies included (the build needs them) ----
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts: the only ones are esbuild's binary check (CDK bundling) and leveldown's
# native build (the local Kinesis emulator), and the dashboard build needs neither.
RUN npm ci --ignore-scripts --no-audit --no-fund

# ---- build: next build writes .next/standalone (server.js + the node_modules it traces) ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN node node_modules/next/dist/bin/next build

# ---- runtime: only the standalone output, its static files and public/ ----
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
# HOSTNAME: the container's own HOSTNAME is its id, and server.js would bind that, not 0.0.0.0.
# KEEP_ALIVE_TIMEOUT: longer than the ALB's idle timeout (120 s, infra/lib/dashboard-entry.ts), so
# the ALB, not Node, closes an idle connection (Node's 5 s default races the ALB's reuse of it: 502s).
# NEXT_MANUAL_SIG_HANDLE: SIGTERM is handled by instrumentation.ts, which ends the feed's SSE
# streams and drains; Next's own handler would wait on those streams until SIGKILL.
ENV NODE_ENV=production \
    HOSTNAME=0.0.0.0 \
    PORT=3000 \
    KEEP_ALIVE_TIMEOUT=125000 \
    NEXT_TELEMETRY_DISABLED=1 \
    NEXT_MANUAL_SIG_HANDLE=true
# Owned by root and read-only to the server; only Next's cache directory is writable by it.
COPY --from=build /app/.next/standalone ./
COPY --from=build /app/.next/static ./.next/static
COPY --from=build /app/public ./public
RUN mkdir -p .next/cache && chown node:node .next/cache
# The official image's unprivileged user (uid 1000).
USER node
EXPOSE 3000
# No HEALTHCHECK: ECS ignores an image's own and relies on the ALB's target health check.
# The exec form makes node PID 1, so SIGTERM from `docker stop` / ECS reaches it directly.
CMD ["node", "server.js"]
