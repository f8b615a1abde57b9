import { useCallback, useEffect, useRef, useState } from 'react';

interface ApiState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
}

/**
 * Load data for a screen. `key` identifies what is loaded (reloads when it changes); earlier data stays
 * visible while reloading so the page does not flash.
 */
export function useApi<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>) {
  const loadRef = useRef(load);
  loadRef.current = load;
  const [state, setState] = useState<ApiState<T>>({
    data: undefined,
    error: undefined,
    loading: key !== null,
  });
  const [version, setVersion] = useState(0);

  useEffect(() => {
    if (key === null) return;
    void version;
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true, error: undefined }));
    loadRef.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ data, error: undefined, loading: false });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState((s) => ({ ...s, error, loading: false }));
      },
    );
    return () => controller.abort();
  }, [key, version]);

  const reload = useCallback(() => setVersion((n) => n + 1), []);
  return { ...state, reload };
}
