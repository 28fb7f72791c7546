# The app image: API + web app (server/main.ts) or a worker (worker/main.ts), by command.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
# The web app and the workflow bundle are built once into the image; workers start without
# bundling. Build tools (vite, the test stack) are dropped afterwards.
RUN npm run build:web && npm run build:workflows && npm prune --omit=dev
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 WORKFLOW_BUNDLE=/app/dist/workflow-bundle.js
USER node
EXPOSE 3000 9464
CMD ["node", "--import", "tsx", "server/main.ts"]
