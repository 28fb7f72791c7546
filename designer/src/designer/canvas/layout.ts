// Automatic drawing with ELK's layered algorithm, top to bottom, in a Web Worker: laying out
// 150 steps takes a moment, and the page stays responsive meanwhile. The graph input and
// the node sizes come from definition/layout-input.ts, shared with anything else that draws.
import ELK from 'elkjs/lib/elk-api.js';
import ElkWorker from 'elkjs/lib/elk-worker.min.js?worker';
import { layoutGraph, positionsFrom, type LayoutStep } from '../../../../definition/layout-input.ts';

let elk: InstanceType<typeof ELK> | null = null;

function instance(): InstanceType<typeof ELK> {
  elk ??= new ELK({ workerFactory: () => new ElkWorker() });
  return elk;
}

/**
 * Starts the worker and lets it compile ELK while the definition is still being fetched;
 * the first real layout is then much faster.
 */
export function warmUpLayout(): void {
  void instance()
    .layout({ id: 'warm-up', layoutOptions: { 'elk.algorithm': 'layered' }, children: [{ id: 'a', width: 10, height: 10 }, { id: 'b', width: 10, height: 10 }], edges: [{ id: 'e', sources: ['a'], targets: ['b'] }] })
    .catch(() => undefined);
}

export async function layoutSteps(steps: ReadonlyArray<LayoutStep>): Promise<Record<string, { x: number; y: number }>> {
  if (steps.length === 0) return {};
  const result = await instance().layout(layoutGraph(steps) as Parameters<InstanceType<typeof ELK>['layout']>[0]);
  return positionsFrom(result);
}
