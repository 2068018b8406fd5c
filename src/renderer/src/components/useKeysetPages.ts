/**
 * Keyset pages of a list, appended as it scrolls or on "load more" (`loadMore`, e.g. from
 * VirtualList's onEndReached); a row a later page repeats is dropped. A new `key` (the query, by
 * value) clears the list and starts again from the first page; `reload` (a refresh, sync moving)
 * keeps the rows shown until the first page replaces them. Answers to an older query are dropped.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Page } from '../../../shared/api/console.js';
import type { Failure, Result } from '../../../shared/result.js';

export interface KeysetPages<T> {
  rows: T[];
  next: string | null;
  loading: boolean;
  error: Failure | null;
  /** Pages fetched since the query last changed. */
  pages: number;
  loadMore(): void;
  reload(): void;
  /** Changes loaded rows in place (e.g. a decision just queued on them). */
  patch(keys: readonly string[], change: (row: T) => T): void;
}

export function useKeysetPages<T>(key: string, fetchPage: (after: string | null) => Promise<Result<Page<T>>>, rowKey: (row: T) => string): KeysetPages<T> {
  const [state, setState] = useState<{ rows: T[]; next: string | null; loading: boolean; error: Failure | null; pages: number }>({ rows: [], next: null, loading: true, error: null, pages: 0 });
  const [tick, setTick] = useState(0);
  const generation = useRef(0);
  const busy = useRef(false);
  const fetcher = useRef(fetchPage);
  fetcher.current = fetchPage;
  const keyOf = useRef(rowKey);
  keyOf.current = rowKey;

  const load = useCallback(async (after: string | null, gen: number) => {
    busy.current = true;
    setState((s) => ({ ...s, loading: true }));
    const result = await fetcher.current(after);
    if (gen !== generation.current) return;
    busy.current = false;
    setState((s) => {
      if (!result.ok) return { ...s, loading: false, error: result.error };
      const seen = new Set(after ? s.rows.map((r) => keyOf.current(r)) : []);
      const rows = after ? [...s.rows, ...result.value.items.filter((r) => !seen.has(keyOf.current(r)))] : result.value.items;
      return { rows, next: result.value.next, loading: false, error: null, pages: (after ? s.pages : 0) + 1 };
    });
  }, []);

  // The key whose rows are shown: another query's rows must not stand for this one's.
  const shownKey = useRef<string | null>(null);
  useEffect(() => {
    const gen = ++generation.current;
    if (shownKey.current !== key) {
      shownKey.current = key;
      setState({ rows: [], next: null, loading: true, error: null, pages: 0 });
    }
    void load(null, gen);
  }, [key, tick, load]);

  const next = state.next;
  const loadMore = useCallback(() => {
    if (!busy.current && next) void load(next, generation.current);
  }, [load, next]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  const patch = useCallback((keys: readonly string[], change: (row: T) => T) => {
    const set = new Set(keys);
    setState((s) => ({ ...s, rows: s.rows.map((r) => (set.has(keyOf.current(r)) ? change(r) : r)) }));
  }, []);
  return { ...state, loadMore, reload, patch };
}
