// The web app's build. Root is designer/, the output designer/dist (served by server/app.ts);
// in development the API is proxied to the running server (npm start).
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // React Flow and elkjs are large; one warning threshold that fits them keeps the log quiet.
    chunkSizeWarningLimit: 2500,
  },
  // ELK's worker is a classic script; as an ES module worker it needs no IIFE wrapper name.
  worker: { format: 'es' },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
});
