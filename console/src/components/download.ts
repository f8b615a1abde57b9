import { useState } from 'react';
import { downloadFile, type Query } from '../lib/api.ts';
import type { useNotice } from './notice.tsx';

/**
 * Export buttons: one download at a time per page, the saved file name or the server's refusal (e.g. characters
 * Shift_JIS cannot hold) shown in the page's notice. `busy` is the key of the running download, so that each
 * button (CSV, Excel) can show its own progress.
 */
export function useDownload<K extends string = 'file'>(notice: ReturnType<typeof useNotice>) {
  const [busy, setBusy] = useState<K | null>(null);
  const download = async (key: K, path: string, query: Query, fallbackName: string) => {
    if (busy) return;
    setBusy(key);
    notice.clear();
    try {
      const name = await downloadFile(path, query, fallbackName);
      notice.success(`${name} を出力しました。`);
    } catch (e) {
      notice.failure(e, '出力できませんでした。');
    } finally {
      setBusy(null);
    }
  };
  return { busy, download };
}
