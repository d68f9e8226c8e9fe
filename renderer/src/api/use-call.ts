import { useCallback, useEffect, useState } from 'react';
import type { CallInput, CallName, CallOutput } from '../../../main/api/contract';
import { call, CallError } from './client';

export interface CallState<T> {
  data: T | undefined;
  error: CallError | undefined;
  loading: boolean;
  reload: () => void;
}

/** Runs a read call when its input changes (compared serialized), keeping the last good data. */
export function useCall<K extends CallName>(name: K, input: CallInput<K>, enabled = true): CallState<CallOutput<K>> {
  const key = JSON.stringify(input);
  const [state, setState] = useState<{ data?: CallOutput<K>; error?: CallError; loading: boolean }>({ loading: true });
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    if (!enabled) {
      setState({ loading: false });
      return;
    }
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    call(name, JSON.parse(key) as CallInput<K>).then(
      (data) => live && setState({ data, loading: false }),
      (error: unknown) => live && setState((s) => ({ data: s.data, error: asCallError(error), loading: false })),
    );
    return () => {
      live = false;
    };
  }, [name, key, nonce, enabled]);
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

export function asCallError(error: unknown): CallError {
  return error instanceof CallError ? error : new CallError({ code: 'internal', message: String(error) });
}
