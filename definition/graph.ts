// Pure graph helpers over a definition's steps: what follows what, what is reachable, which
// steps form loops. Used by validation, the legal analysis and the designer alike.
import type { Definition, Step } from './schema.ts';
import { kindOf } from './steps/index.ts';

export type Edge = { from: string; outcome: string; to: string };

export class StepGraph {
  readonly byId = new Map<string, Step>();
  readonly edges: Edge[] = [];
  readonly out = new Map<string, Edge[]>();

  constructor(readonly definition: Pick<Definition, 'steps'>) {
    for (const step of definition.steps) {
      if (!this.byId.has(step.id)) this.byId.set(step.id, step);
      this.out.set(step.id, []);
    }
    for (const step of this.byId.values()) {
      for (const [outcome, to] of Object.entries(step.next ?? {})) {
        if (!this.byId.has(to)) continue;
        const edge = { from: step.id, outcome, to };
        this.edges.push(edge);
        this.out.get(step.id)!.push(edge);
      }
    }
  }

  step(id: string): Step | undefined {
    return this.byId.get(id);
  }

  outcomesOf(step: Pick<Step, 'id' | 'kind'>): string[] {
    const s = step as Step;
    return kindOf(s).outcomes(s);
  }

  starts(): Step[] {
    return [...this.byId.values()].filter((s) => s.kind === 'start');
  }

  reachableFrom(ids: string[]): Set<string> {
    const seen = new Set<string>();
    const stack = [...ids];
    while (stack.length) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      for (const e of this.out.get(id) ?? []) stack.push(e.to);
    }
    return seen;
  }

  /** Strongly connected components that contain a cycle (Tarjan, iterative). */
  cycles(): string[][] {
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const onStack = new Set<string>();
    const stack: string[] = [];
    const result: string[][] = [];
    let counter = 0;
    for (const root of this.byId.keys()) {
      if (index.has(root)) continue;
      const work: Array<{ id: string; i: number }> = [{ id: root, i: 0 }];
      index.set(root, counter);
      low.set(root, counter++);
      stack.push(root);
      onStack.add(root);
      while (work.length) {
        const frame = work[work.length - 1]!;
        const edges = this.out.get(frame.id)!;
        if (frame.i < edges.length) {
          const to = edges[frame.i++]!.to;
          if (!index.has(to)) {
            index.set(to, counter);
            low.set(to, counter++);
            stack.push(to);
            onStack.add(to);
            work.push({ id: to, i: 0 });
          } else if (onStack.has(to)) {
            low.set(frame.id, Math.min(low.get(frame.id)!, index.get(to)!));
          }
        } else {
          work.pop();
          const parent = work[work.length - 1];
          if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
          if (low.get(frame.id) === index.get(frame.id)) {
            const component: string[] = [];
            let id: string;
            do {
              id = stack.pop()!;
              onStack.delete(id);
              component.push(id);
            } while (id !== frame.id);
            const selfLoop = this.out.get(frame.id)!.some((e) => e.to === frame.id);
            if (component.length > 1 || selfLoop) result.push(component.reverse());
          }
        }
      }
    }
    return result;
  }
}
