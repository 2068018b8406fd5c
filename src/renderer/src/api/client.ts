/**
 * The renderer's typed client: every call names a method of the contract, its input is checked
 * by the compiler and its output typed, whatever carries it (Electron's bridge or browser mode).
 */
import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import type { ConsoleBridge, Topic } from '../../../shared/api/bridge.js';
import type { ConsoleApi, ConsoleMethod } from '../../../shared/api/console.js';
import type { InputOf, OutputOf } from '../../../shared/api/contract.js';
import type { Failure, Result } from '../../../shared/result.js';

export type Input<K extends ConsoleMethod> = InputOf<ConsoleApi, K>;
export type Output<K extends ConsoleMethod> = OutputOf<ConsoleApi, K>;

export interface Api {
  call<K extends ConsoleMethod>(method: K, input: Input<K>): Promise<Result<Output<K>>>;
  subscribe(topic: Topic, listener: (payload: unknown) => void): () => void;
}

export function createApi(bridge: ConsoleBridge): Api {
  return {
    async call(method, input) {
      try {
        return (await bridge.invoke(method, input)) as never;
      } catch (error) {
        return { ok: false, error: { code: 'transport', message: error instanceof Error ? error.message : String(error) } };
      }
    },
    subscribe: (topic, listener) => bridge.subscribe(topic, listener),
  };
}

export const ApiContext = createContext<Api | null>(null);

export function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside ApiProvider');
  return api;
}

export interface CallState<T> {
  data: T | null;
  error: Failure | null;
  loading: boolean;
  reload(): void;
}

/** Calls a read method whenever its input changes; the latest answer wins. */
export function useCall<K extends ConsoleMethod>(method: K, input: Input<K>, enabled = true): CallState<Output<K>> {
  const api = useApi();
  const [state, setState] = useState<{ data: Output<K> | null; error: Failure | null; loading: boolean }>({ data: null, error: null, loading: enabled });
  const [tick, setTick] = useState(0);
  const key = JSON.stringify(input, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
  const latest = useRef(0);
  useEffect(() => {
    if (!enabled) return;
    const call = ++latest.current;
    setState((s) => ({ ...s, loading: true }));
    void api.call(method, input).then((result) => {
      if (call !== latest.current) return;
      setState(result.ok ? { data: result.value, error: null, loading: false } : { data: null, error: result.error, loading: false });
    });
    // `key` stands for `input`, compared by value.
  }, [api, method, key, tick, enabled]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}

/** Subscribes to a topic for the component's lifetime. */
export function useTopic(topic: Topic, listener: (payload: unknown) => void): void {
  const api = useApi();
  const ref = useRef(listener);
  ref.current = listener;
  useEffect(() => api.subscribe(topic, (payload) => ref.current(payload)), [api, topic]);
}
