/**
 * The common case of useKeysetPages: a paged method of the contract (`{items, next}` answers,
 * `after` for the next page), the query compared by value.
 */
import type { ConsoleMethod, Page } from '../../../shared/api/console.js';
import type { Result } from '../../../shared/result.js';
import { useApi, type Input } from '../api/client.js';
import { useKeysetPages, type KeysetPages } from './useKeysetPages.js';

/** `T`: the row type, for the methods whose output the contract leaves `unknown`. */
export function usePages<T, K extends ConsoleMethod = ConsoleMethod>(method: K, query: Omit<Input<K>, 'after'>, rowKey: (row: T) => string): KeysetPages<T> {
  const api = useApi();
  const key = JSON.stringify(query, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
  return useKeysetPages(key, (after) => api.call(method, { ...query, ...(after ? { after } : {}) } as Input<K>) as Promise<Result<Page<T>>>, rowKey);
}
