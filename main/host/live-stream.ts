import type { ServerResponse } from 'node:http';
import { NOTIFICATION_SSE_EVENT, type DesktopNotification, type LiveEvent, type NotificationMessage } from '../api/contract';

export interface LiveStreamOptions {
  subscribe: (listener: (event: LiveEvent) => void) => () => void;
  /** The core's desktop notifications, for the page to show (main/notify/): named events on the same stream. */
  notifications?: (listener: (notification: DesktopNotification) => void) => () => void;
  /** A few tabs at most; past this a new page is refused rather than holding sockets without end. */
  maxClients?: number;
  /** A comment line this often, so idle proxies and the browser keep the stream open. */
  keepAliveMs?: number;
  /** A client this far behind (never reading) is cut off instead of buffered without end. */
  maxBufferedBytes?: number;
}

/** The core's live events and notifications as server-sent events, one response per open page (browser mode). */
export function liveStream({ subscribe, notifications, maxClients = 8, keepAliveMs = 25_000, maxBufferedBytes = 1024 * 1024 }: LiveStreamOptions) {
  const clients = new Set<ServerResponse>();
  return {
    /** Starts the stream on an authorized request; false when there are already `maxClients`. */
    open(res: ServerResponse): boolean {
      if (clients.size >= maxClients) return false;
      clients.add(res);
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store' });
      const send = (text: string) => {
        if (res.writableLength > maxBufferedBytes) return void res.destroy();
        res.write(text);
      };
      send(': live\n\n'); // the headers go out now: the page knows it is connected
      const off = subscribe((event) => send(`data: ${JSON.stringify(event)}\n\n`));
      const offNotifications = notifications?.((notification) =>
        send(`event: ${NOTIFICATION_SSE_EVENT}\ndata: ${JSON.stringify({ action: 'show', notification } satisfies NotificationMessage)}\n\n`));
      const ping = setInterval(() => send(': keep-alive\n\n'), keepAliveMs);
      // Closing the page (or the host) ends the response: its place and its listener are freed.
      res.on('close', () => {
        off();
        offNotifications?.();
        clearInterval(ping);
        clients.delete(res);
      });
      return true;
    },
    clients: () => clients.size,
  };
}
