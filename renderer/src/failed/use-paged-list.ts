import { useEffect, useRef, useState } from 'react';
import type { CallError } from '../api/client';
import { asCallError } from '../api/use-call';

export const PAGE = 100;

interface Page<T> { rows: T[]; total: number }

/**
 * A list read a page (100 rows) at a time, "More" appending the next page. When the query
 * (`key`) changes it starts again at the first page; when only `version` changes (after an
 * action) it reads again as many rows as were on show, so the list keeps its length.
 */
export function usePagedList<T, P extends Page<T>>(read: (offset: number, limit: number) => Promise<P>, key: string, version: number, idOf: (row: T) => number) {
  const [state, setState] = useState<{ key: string; page: P } | undefined>();
  const [error, setError] = useState<CallError>();
  const [loading, setLoading] = useState(true);
  const shown = useRef({ key: '', rows: 0 });
  const asked = useRef(0);
  const readRef = useRef(read);
  readRef.current = read;

  async function load(offset: number, count: number, append: boolean) {
    const ticket = ++asked.current;
    setLoading(true);
    try {
      const pages = await Promise.all(Array.from({ length: Math.max(1, Math.ceil(count / PAGE)) }, (_, i) => readRef.current(offset + i * PAGE, PAGE)));
      if (ticket !== asked.current) return; // an answer to a query the user has left
      const last = pages.at(-1)!;
      setState((s) => {
        const before = append && s?.key === key ? s.page.rows : [];
        const seen = new Set(before.map(idOf));
        const rows = [...before, ...pages.flatMap((p) => p.rows).filter((r) => !seen.has(idOf(r)))];
        shown.current = { key, rows: rows.length };
        return { key, page: { ...last, rows } };
      });
      setError(undefined);
    } catch (err) {
      if (ticket === asked.current) setError(asCallError(err));
    } finally {
      if (ticket === asked.current) setLoading(false);
    }
  }

  useEffect(() => {
    const rows = shown.current.key === key ? shown.current.rows : 0;
    void load(0, Math.max(PAGE, rows), false);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, version]);

  // The last answer stays on show while the next query is read (like useCall).
  const page = state?.page;
  return {
    page,
    error,
    loading,
    hasMore: !loading && state?.key === key && state.page.rows.length < state.page.total,
    more: () => void load(state?.key === key ? state.page.rows.length : 0, PAGE, true),
  };
}
