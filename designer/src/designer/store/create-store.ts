// A small external store with selector hooks (the shape of zustand, without the package):
// components subscribe to the slice they read and re-render only when that slice changes.
import { useCallback, useRef, useSyncExternalStore } from 'react';

export type StoreApi<T> = {
  getState(): T;
  setState(partial: Partial<T> | ((state: T) => Partial<T>)): void;
  subscribe(listener: () => void): () => void;
};

export function createStore<T extends object>(init: (set: StoreApi<T>['setState'], get: () => T) => T): StoreApi<T> {
  let state: T;
  const listeners = new Set<() => void>();
  const api: StoreApi<T> = {
    getState: () => state,
    setState(partial) {
      const patch = typeof partial === 'function' ? partial(state) : partial;
      if (Object.keys(patch).length === 0) return;
      state = { ...state, ...patch };
      for (const l of listeners) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  state = init(api.setState, api.getState);
  return api;
}

/** Reads a slice; `equal` decides when a new slice counts as unchanged (default: Object.is). */
export function useStoreSelector<T, S>(store: StoreApi<T>, selector: (state: T) => S, equal: (a: S, b: S) => boolean = Object.is): S {
  const last = useRef<{ state: T; selector: (state: T) => S; slice: S } | null>(null);
  // The selector is usually an inline arrow, new on every render; the cache below keeps the
  // snapshot stable as long as the state and the selected slice do not change.
  const getSlice = () => {
    const state = store.getState();
    const prev = last.current;
    if (prev && prev.state === state && prev.selector === selector) return prev.slice;
    const slice = selector(state);
    if (prev && equal(prev.slice, slice)) {
      last.current = { state, selector, slice: prev.slice };
      return prev.slice;
    }
    last.current = { state, selector, slice };
    return slice;
  };
  const subscribe = useCallback((l: () => void) => store.subscribe(l), [store]);
  return useSyncExternalStore(subscribe, getSlice, getSlice);
}

export function shallowEqual<A>(a: A, b: A): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.is((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
