import { useCallback, useState } from 'react';
import { errorText } from '../lib/api.ts';

interface Notice {
  kind: 'success' | 'error';
  text: string;
  sequence: number;
}

/** A message after an action (saved, deleted, failed), announced to screen readers. */
export function useNotice() {
  const [notice, setNotice] = useState<Notice | null>(null);
  const success = useCallback((text: string) => {
    setNotice((n) => ({ kind: 'success', text, sequence: (n?.sequence ?? 0) + 1 }));
  }, []);
  const failure = useCallback((error: unknown, prefix = '') => {
    setNotice((n) => ({
      kind: 'error',
      text: `${prefix}${errorText(error)}`,
      sequence: (n?.sequence ?? 0) + 1,
    }));
  }, []);
  const clear = useCallback(() => setNotice(null), []);
  const element = notice ? (
    <p
      key={notice.sequence}
      className={`alert ${notice.kind === 'error' ? 'alert--error' : 'alert--success'}`}
      role={notice.kind === 'error' ? 'alert' : 'status'}
    >
      {notice.text}
    </p>
  ) : null;
  return { element, success, failure, clear };
}
