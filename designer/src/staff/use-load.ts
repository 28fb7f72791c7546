// Loads something for a page: the value, an error to show, and a reload that keeps the old
// value on screen while it runs. A newer load wins over an older one still in flight.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client.ts';

export type Loaded<T> = { value: T | null; error: ApiError | Error | null; loading: boolean; reload: () => Promise<void> };

export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [loading, setLoading] = useState(true);
  const seq = useRef(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const run = useCallback(load, deps);

  const reload = useCallback(async () => {
    const mine = ++seq.current;
    setLoading(true);
    try {
      const v = await run();
      if (mine !== seq.current) return;
      setValue(v);
      setError(null);
    } catch (e) {
      if (mine === seq.current) setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, [run]);

  useEffect(() => {
    setValue(null);
    void reload();
  }, [reload]);

  return { value, error, loading, reload };
}

/** Calls `tick` every `ms` while the page is visible (to notice changes cheaply). */
export function useEvery(ms: number, tick: () => void) {
  const latest = useRef(tick);
  latest.current = tick;
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') latest.current();
    }, ms);
    return () => clearInterval(timer);
  }, [ms]);
}
