/**
 * A keyset-paged list (`{items, next}` answers): the first page whenever the query changes,
 * more pages on demand, appended. An answer to an older query is dropped.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConsoleMethod } from '../../../shared/api/console.js';
import type { Failure } from '../../../shared/result.js';
import { useApi, type Input } from '../api/client.js';

export interface Pages<T> {
  items: T[];
  next: string | null;
  loading: boolean;
  error: Failure | null;
  loadMore(): void;
  reload(): void;
}

export function usePages<T, K extends ConsoleMethod = ConsoleMethod>(method: K, query: Omit<Input<K>, 'after'>, enabled = true): Pages<T> {
  const api = useApi();
  const [state, setState] = useState<{ items: T[]; next: string | null; loading: boolean; error: Failure | null }>({ items: [], next: null, loading: enabled, error: null });
  const [tick, setTick] = useState(0);
  const generation = useRef(0);
  const key = JSON.stringify(query, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
  const queryRef = useRef(query);
  queryRef.current = query;

  const fetchPage = useCallback(
    (after: string | null, append: boolean) => {
      const mine = generation.current;
      setState((s) => ({ ...s, loading: true }));
      const input = { ...queryRef.current, ...(after ? { after } : {}) } as Input<K>;
      void api.call(method, input).then((result) => {
        if (mine !== generation.current) return;
        if (!result.ok) {
          setState((s) => ({ ...s, loading: false, error: result.error }));
          return;
        }
        const page = result.value as { items: T[]; next: string | null };
        setState((s) => ({ items: append ? [...s.items, ...page.items] : page.items, next: page.next, loading: false, error: null }));
      });
    },
    [api, method],
  );

  useEffect(() => {
    if (!enabled) return;
    generation.current += 1;
    fetchPage(null, false);
    // `key` stands for `query`, compared by value.
  }, [fetchPage, key, tick, enabled]);

  const stateRef = useRef(state);
  stateRef.current = state;
  const loadMore = useCallback(() => {
    const { next, loading } = stateRef.current;
    if (next && !loading) fetchPage(next, true);
  }, [fetchPage]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, loadMore, reload };
}
