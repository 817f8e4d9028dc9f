# Luoshi 落实 — container image. Multi-stage: the build stage has the compilers native modules may need
# (better-sqlite3 falls back to node-gyp where no prebuilt binary fits, e.g. some ARM64 hosts); the final stage
# has Node.js and the application only — no compiler, no npm — and runs as the unprivileged `node` user with a
# read-only root filesystem (the data folder is a volume, /tmp a tmpfs).
#
#   docker build -t luoshi .            (or: podman build -t luoshi .; builds on linux/amd64 and linux/arm64)
#   docker run --read-only --tmpfs /tmp -v luoshi-data:/var/lib/luoshi -p 8080:8080 luoshi
# Behind an intranet: --build-arg NODE_IMAGE=<internal registry>/node:24-bookworm-slim and
# --build-arg NPM_REGISTRY=<internal npm mirror> (e.g. https://registry.npmmirror.com/).
# Node 24 LTS (package.json engines: 22.13 or later).
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
ARG NPM_REGISTRY=https://registry.npmjs.org/
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --registry "$NPM_REGISTRY"
COPY . .
# The server and CLI compiled to dist/ and the web app to web/dist/; then the sources go. Without src/ the
# launcher runs dist/ as it is and serve does not try to rebuild the web app (nothing could be written on a
# read-only root anyway), which test/deploy-layout.int.test.ts checks on this very layout.
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund \
 && rm -rf src test bench scripts web/src web/scripts web/node_modules .ci

FROM ${NODE_IMAGE}
# No package manager at run time: nothing in the running container can fetch or build code.
RUN rm -rf /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/corepack /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack \
 && mkdir -p /var/lib/luoshi && chown node:node /var/lib/luoshi && chmod 700 /var/lib/luoshi
ENV NODE_ENV=production \
    LUOSHI_HOST=0.0.0.0 \
    LUOSHI_PORT=8080 \
    LUOSHI_DATA_DIR=/var/lib/luoshi
WORKDIR /app
COPY --from=build --chown=root:root /app /app
USER node
VOLUME ["/var/lib/luoshi"]
EXPOSE 8080
# Liveness only; a load balancer asks /readyz (database, migrations, keys) before sending traffic.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.LUOSHI_PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["node", "/app/bin/luoshi.js"]
CMD ["serve"]
