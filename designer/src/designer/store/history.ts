// Undo and redo: zundo's temporal middleware over the document (name, steps, wiring), so no
// action keeps history itself. Two policies sit in its options: a change that only selects,
// measures or flags steps is no edit (`equality`), and edits of one group in quick succession
// (typing in one field, one drag) are one undo step (`handleSet`).
import type { ZundoOptions } from 'zundo';
import type { Designer, DesignerDocument } from './types.ts';

const HISTORY_LIMIT = 100;
/** Typing in one field within this time is one undo step. */
export const COALESCE_MS = 1200;

export const documentOf = (s: DesignerDocument): DesignerDocument => ({ meta: s.meta, nodes: s.nodes, edges: s.edges });

function sameList<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean): boolean {
  return a === b || (a.length === b.length && a.every((x, i) => same(x, b[i]!)));
}

/** Whether two documents differ only in what no one edits: selection, measured sizes, drag flags. */
export function sameDocument(a: DesignerDocument, b: DesignerDocument): boolean {
  return (
    a.meta === b.meta &&
    sameList(a.edges, b.edges, (x, y) => x.id === y.id && x.target === y.target) &&
    sameList(a.nodes, b.nodes, (x, y) => x.id === y.id && x.data === y.data && x.position.x === y.position.x && x.position.y === y.position.y)
  );
}

/**
 * Which undo step an edit belongs to. An action names its group around the change
 * (`within`); the middleware asks `continues` when the change is recorded.
 */
export class EditGroups {
  private open: { key: string; until: number } | null = null;
  private pending: { key: string; windowMs: number } | null = null;

  within<T>(key: string | undefined, change: () => T, windowMs = COALESCE_MS): T {
    this.pending = key === undefined ? null : { key, windowMs };
    try {
      return change();
    } finally {
      this.pending = null;
    }
  }

  /** True when the change being recorded continues the open group (so it is no new undo step). */
  continues(now = Date.now()): boolean {
    const next = this.pending;
    if (next && this.open?.key === next.key && now < this.open.until) {
      this.open.until = now + next.windowMs;
      return true;
    }
    this.open = next ? { key: next.key, until: now + next.windowMs } : null;
    return false;
  }

  /** After undo or redo, or a load: the next edit starts a step of its own. */
  close(): void {
    this.open = null;
  }
}

export function historyOptions(groups: EditGroups): ZundoOptions<Designer, DesignerDocument> {
  return {
    partialize: documentOf,
    equality: sameDocument,
    limit: HISTORY_LIMIT,
    handleSet: (record) => (past, replace) => {
      if (!groups.continues()) record(past, replace);
    },
  };
}
