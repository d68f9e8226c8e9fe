import { useCallback, useEffect, useRef, useState } from 'react';
import type { LiveView } from '../../../main/api/contract';
import { subscribeLive } from '../api/client';
import { refreshGate, touches } from './refresh-gate';

/** Within a second of a change even while changes keep coming: the host gathers 150 ms, this 400. */
const GAP_MS = 400;

/**
 * Calls `refresh` when the core says something a view shows changed: one of `views`, and given
 * `emailId`, that email. `refresh` must read again in place (keep the rows on show until the
 * new ones arrive), so scroll position and selection survive.
 */
export function useLive(views: readonly LiveView[], refresh: () => void, emailId?: number): void {
  const latest = useRef(refresh);
  latest.current = refresh;
  const key = views.join(' ');
  useEffect(() => {
    const wanted = key.split(' ') as LiveView[];
    const gate = refreshGate(() => latest.current(), GAP_MS);
    const off = subscribeLive((event) => touches(event, wanted, emailId) && gate.poke());
    return () => {
      off();
      gate.cancel();
    };
  }, [key, emailId]);
}

/** A number that grows at each change of `views`: for components that read again when their `version` prop changes. */
export function useLiveVersion(views: readonly LiveView[]): number {
  const [version, setVersion] = useState(0);
  useLive(views, useCallback(() => setVersion((v) => v + 1), []));
  return version;
}
