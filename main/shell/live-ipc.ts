import type { LiveEvent } from '../api/contract';
import { LIVE_CHANNEL } from './ipc-bridge';

/** The part of Electron's webContents that live events go to. */
export interface LiveTarget {
  send(channel: string, event: LiveEvent): void;
  isDestroyed(): boolean;
  once(event: 'destroyed', listener: () => void): unknown;
}

/** Electron's twin of the host's /api/live: every live event to the window, until it is gone. */
export function forwardLive(subscribe: (listener: (event: LiveEvent) => void) => () => void, target: LiveTarget): () => void {
  const off = subscribe((event) => {
    if (!target.isDestroyed()) target.send(LIVE_CHANNEL, event);
  });
  target.once('destroyed', off);
  return off;
}
