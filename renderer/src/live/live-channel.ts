import { LIVE_VIEWS, NOTIFICATION_SSE_EVENT, type LiveEvent, type NotificationMessage } from '../../../main/api/contract';
import { sseFrames } from './sse-frames';

/** After a gap in the stream nobody knows what changed: every view reads again. */
export const EVERYTHING: LiveEvent = { views: [...LIVE_VIEWS], emailIds: null };
const MAX_BACKOFF_MS = 15_000;

/**
 * Browser mode's `subscribe` and `subscribeNotifications`: one stream from the host (`connect`
 * opens it) carries both, started by the first listener and kept for the page's life (closing the
 * page closes it); reconnects with backoff after a drop, then tells every live listener to read again.
 */
export function liveChannel(connect: () => Promise<Response>, wait = (ms: number) => new Promise((r) => setTimeout(r, ms))) {
  const live = new Set<(event: LiveEvent) => void>();
  const notifications = new Set<(message: NotificationMessage) => void>();
  let started = false;
  const emit = <T>(listeners: Set<(payload: T) => void>, payload: T) => {
    for (const l of [...listeners]) l(payload);
  };

  async function follow() {
    for (let failures = 0, tries = 0; ; tries++) {
      try {
        const res = await connect();
        // Anything but an event stream (a host without one answers its page) is a refusal, not a gap to fill.
        if (!res.ok || !res.body || !res.headers.get('content-type')?.startsWith('text/event-stream')) throw new Error(`the live stream answered ${res.status}`);
        if (tries > 0) emit(live, EVERYTHING);
        failures = 0;
        const feed = sseFrames((data, event) => {
          try {
            if (event === NOTIFICATION_SSE_EVENT) emit(notifications, JSON.parse(data) as NotificationMessage);
            else emit(live, JSON.parse(data) as LiveEvent);
          } catch {
            // not an event of ours: skipped, the next one still counts
          }
        });
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        for (let r = await reader.read(); !r.done; r = await reader.read()) feed(r.value);
      } catch {
        // dropped or refused: try again below
      }
      failures++;
      await wait(Math.min(MAX_BACKOFF_MS, 500 * 2 ** failures));
    }
  }

  const listen = <T>(listeners: Set<(payload: T) => void>) => (listener: (payload: T) => void): (() => void) => {
    listeners.add(listener);
    if (!started) {
      started = true;
      void follow();
    }
    return () => void listeners.delete(listener);
  };

  return { subscribe: listen(live), subscribeNotifications: listen(notifications) };
}
