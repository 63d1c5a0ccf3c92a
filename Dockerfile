# Recon's API (serving the web app at /) and worker (the same image; docker-compose.yml picks the command).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY web/package.json ./web/
RUN npm ci --no-audit --no-fund || npm install --no-audit --no-fund
COPY . .
# api/graphql/ goes to the image for its SDL only (the resolvers run from dist/).
RUN npm run build && npm prune --omit=dev && find api/graphql -type f ! -name '*.graphql' -delete

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/api/graphql ./api/graphql
COPY --from=build /app/web/dist ./web/dist
# The password rules' list of common and breached passwords (auth/password-rules.ts).
COPY --from=build /app/auth/breached-passwords.txt ./auth/breached-passwords.txt
# The worker writes the statement outbox and scheduled backups under /data (a volume) as `node`:
# the folder must exist and be node's in the image, so a new volume is created owned by node.
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 4000
CMD ["node", "--max-semi-space-size=64", "dist/main/all-in-one.js"]
