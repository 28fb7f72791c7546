// Which designer store a component works on (the editor's, or a read-only one for a version
// or a diff), and the selector hooks components read it with.
import { createContext, useContext, type ReactNode } from 'react';
import { useStoreSelector } from './create-store.ts';
import type { DesignerActions, DesignerState, DesignerStore } from './designer-store.ts';

const StoreContext = createContext<DesignerStore | null>(null);

export function DesignerStoreProvider({ store, children }: { store: DesignerStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function useDesignerStore(): DesignerStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('designer components need a <DesignerStoreProvider>');
  return store;
}

/** Reads a slice of the designer state; re-renders only when that slice changes. */
export function useDesigner<S>(selector: (state: DesignerState & DesignerActions) => S, equal?: (a: S, b: S) => boolean): S {
  return useStoreSelector(useDesignerStore(), selector, equal);
}

/** The actions, which never change for a store. */
export function useDesignerActions(): DesignerActions {
  return useDesignerStore().getState();
}
