// `npm run build:workflows`: writes the workflow bundle so workers start without bundling.
import { mkdirSync, writeFileSync } from 'node:fs';
import { bundleWorkflowCode } from '@temporalio/worker';
import { preloadModules, workflowsPath } from './bundle-options.ts';

const out = process.argv[2] ?? 'dist/workflow-bundle.js';
const { code } = await bundleWorkflowCode({ workflowsPath, preloadModules });
mkdirSync(out.replace(/\/[^/]*$/, '') || '.', { recursive: true });
writeFileSync(out, code);
console.log(`workflow bundle written to ${out} (${(code.length / 1024).toFixed(0)} KiB)`);
