// Which designer store a component works on (the editor's, or a read-only one for a version
// or a diff), and the selector hooks components read it with.
import { createContext, useContext, type ReactNode } from 'react';
import type { TemporalState } from 'zundo';
import { useStore } from 'zustand';
import { useStoreWithEqualityFn } from 'zustand/traditional';
import type { DesignerStore } from './designer-store.ts';
import type { Designer, DesignerActions, DesignerDocument } from './types.ts';

const StoreContext = createContext<DesignerStore | null>(null);

export function DesignerStoreProvider({ store, children }: { store: DesignerStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function useDesignerStore(): DesignerStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('designer components need a <DesignerStoreProvider>');
  return store;
}

/** Reads a slice of the designer state; re-renders only when that slice changes (by `equal`, default Object.is). */
export function useDesigner<S>(selector: (state: Designer) => S, equal?: (a: S, b: S) => boolean): S {
  return useStoreWithEqualityFn(useDesignerStore(), selector, equal);
}

/** Reads the undo history (what can be undone or redone). */
export function useDesignerHistory<S>(selector: (history: TemporalState<DesignerDocument>) => S): S {
  return useStore(useDesignerStore().temporal, selector);
}

/** The actions, which never change for a store. */
export function useDesignerActions(): DesignerActions {
  return useDesignerStore().getState();
}
