import { useCallback, useEffect, useRef, useState } from 'react';
import type { MailboxStatus } from '../../../main/api/contract';
import { call, type CallError } from '../api/client';
import { asCallError } from '../api/use-call';
import { useLive } from '../live/use-live';

const EVERY_MS = 2000;

/**
 * The watcher's state, read at once when the core says it changed, and every 2 s while the page
 * is visible: the message counts down ("Reconnecting in 8 s") with no change to announce it.
 * The next read is planned when the last one answered, so slow answers never pile up.
 * `checkNow` asks the core to look at once and shows what it answers.
 */
export function useMailboxStatus(initial?: MailboxStatus) {
  const [status, setStatus] = useState<MailboxStatus | undefined>(initial);
  const [error, setError] = useState<CallError>();
  const [checking, setChecking] = useState(false);
  const live = useRef(true);
  const readNow = useRef(() => {});
  useLive(['mailbox'], () => readNow.current());

  useEffect(() => {
    live.current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let inFlight = false;
    const read = () => {
      clearTimeout(timer);
      if (!live.current || inFlight) return;
      if (document.hidden) return; // visibilitychange reads again when the page comes back
      inFlight = true;
      call('mailbox.status', {}).then(
        (s) => live.current && (setStatus(s), setError(undefined)),
        (e: unknown) => live.current && setError(asCallError(e)),
      ).finally(() => {
        inFlight = false;
        if (live.current) timer = setTimeout(read, EVERY_MS);
      });
    };
    readNow.current = read;
    read();
    document.addEventListener('visibilitychange', read);
    return () => {
      live.current = false;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', read);
    };
  }, []);

  const checkNow = useCallback(() => {
    setChecking(true);
    call('mailbox.checkNow', {}).then(
      (s) => live.current && (setStatus(s), setError(undefined)),
      (e: unknown) => live.current && setError(asCallError(e)),
    ).finally(() => live.current && setChecking(false));
  }, []);

  return { status, error, checking, checkNow };
}
