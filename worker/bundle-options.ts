// How the workflow code is bundled, in one place for the worker, the tests, the prebuilt
// bundle and the benchmark.
import { fileURLToPath } from 'node:url';

export const workflowsPath = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

/**
 * Modules the SDK evaluates once per worker thread and shares between workflows, instead of
 * once per workflow: zod's own code (a tenth of a case start's CPU). The SDK freezes them, so
 * only stateless library code belongs here; our schemas stay per workflow, because zod fills
 * in a schema's properties lazily and a frozen schema refuses that.
 */
export const preloadModules = ['zod'];
