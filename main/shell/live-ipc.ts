import type { DesktopNotification, LiveEvent, NotificationMessage } from '../api/contract';
import { LIVE_CHANNEL, NOTIFY_CHANNEL } from './ipc-bridge';

/** The part of Electron's webContents that live events and clicked notifications go to. */
export interface LiveTarget {
  send(channel: string, payload: LiveEvent | NotificationMessage): void;
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

/** The user clicked a native notification: the page opens what it is about (the page never shows one itself in Electron). */
export function openInWindow(target: LiveTarget, notification: DesktopNotification): void {
  if (!target.isDestroyed()) target.send(NOTIFY_CHANNEL, { action: 'open', notification } satisfies NotificationMessage);
}
