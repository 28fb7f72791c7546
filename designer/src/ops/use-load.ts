// Loads something for a page: the value, an error to show, and a reload. A newer load wins
// over an older one still in flight, so a fast filter change never shows stale rows.
import { useCallback, useEffect, useRef, useState } from 'react';

export function useLoad<T>(load: () => Promise<T>, deps: unknown[], options: { refreshMs?: number } = {}) {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const seq = useRef(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const run = useCallback(load, deps);

  const reload = useCallback(() => {
    const mine = ++seq.current;
    setLoading(true);
    run()
      .then((v) => {
        if (mine !== seq.current) return;
        setValue(v);
        setError(null);
      })
      .catch((e: unknown) => mine === seq.current && setError(e instanceof Error ? e.message : String(e)))
      .finally(() => mine === seq.current && setLoading(false));
  }, [run]);

  useEffect(() => {
    reload();
    if (!options.refreshMs) return;
    const timer = setInterval(reload, options.refreshMs);
    return () => clearInterval(timer);
  }, [reload, options.refreshMs]);

  return { value, error, loading, reload };
}
