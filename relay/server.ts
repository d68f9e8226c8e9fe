// The public HTTP surface: pixel, click redirect, health and the authenticated feed.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { BlockList } from 'node:net';
import { clientIp, limitKey, truncateIp } from './client-ip';
import type { EventStore, NewEvent } from './event-store';
import { feedPage, isAuthorized, parseFeedQuery } from './feed';
import { GroupCommit } from './group-commit';
import { PerMinuteLimit } from './rate-limit';
import { PIXEL_GIF, PIXEL_HEADERS, redirectHeaders, textHeaders } from './responses';
import {
  CLICK_PATH,
  PIXEL_PATH,
  TARGET_PARAM,
  redirectTarget,
  verifyClickToken,
  verifyOpenToken,
  type SecretKey,
} from './token';

/** Longest request target accepted: a click URL with a 2048-character target fits. */
export const MAX_URL_LENGTH = 8192;
/** Request line plus all headers. */
export const MAX_HEADER_BYTES = 16 * 1024;
const MAX_USER_AGENT = 512;
const FEED_PATH = '/v1/events';

export interface RelayServerOptions {
  /** Read side, for the feed. */
  store: EventStore;
  /** Commits a batch of events durably (the writer thread). */
  commit: (events: NewEvent[]) => Promise<void>;
  /** The secrets whose tokens are accepted at `now` (the previous one only during its grace). */
  secrets: (now: number) => readonly SecretKey[];
  feedKey: string;
  trustedProxies: BlockList | null;
  truncateIp: boolean;
  /** 0 disables the cap. */
  maxEventsPerIpPerMinute: number;
  now: () => number;
}

export interface RelayServer {
  server: Server;
  /** Resolves once every event received so far is committed. */
  drain: () => Promise<void>;
}

type Event = Pick<NewEvent, 'kind' | 'emailId' | 'recipientId' | 'linkIndex' | 'url'>;

export function createRelayServer(options: RelayServerOptions): RelayServer {
  const { store, now } = options;
  const commits = new GroupCommit<NewEvent>(options.commit);
  const limit = new PerMinuteLimit(options.maxEventsPerIpPerMinute);

  const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (req, res) => {
    const url = req.url ?? '/';
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendText(res, 405, 'Only GET and HEAD are served.\n', { allow: 'GET, HEAD' });
    }
    if (url.length > MAX_URL_LENGTH) return sendText(res, 414, 'URL too long.\n');
    if (req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined) {
      // The body is never read, so the connection cannot be reused.
      return sendText(res, 413, 'Request bodies are not accepted.\n', { connection: 'close' });
    }
    if (url.startsWith(PIXEL_PATH)) return pixel(req, res, url);
    if (url.startsWith(CLICK_PATH)) return click(req, res, url);
    if (url === '/healthz') return sendText(res, 200, 'ok\n');
    if (url === FEED_PATH || url.startsWith(`${FEED_PATH}?`)) return feed(req, res, url);
    return sendText(res, 404, 'Not found.\n');
  });
  // Slow clients must not hold sockets open: bound every phase of a request.
  server.headersTimeout = 10_000;
  server.requestTimeout = 10_000;
  server.keepAliveTimeout = 5_000;
  server.maxHeadersCount = 64;

  function pixel(req: IncomingMessage, res: ServerResponse, url: string): void {
    const at = now();
    const ids = verifyOpenToken(pathToken(url, PIXEL_PATH.length), options.secrets(at));
    const answer = () => {
      res.writeHead(200, PIXEL_HEADERS);
      res.end(PIXEL_GIF);
    };
    // A bad token still gets the image: a broken image helps nobody.
    if (ids === null) return answer();
    record(req, res, at, { kind: 'open', ...ids, linkIndex: null, url: null }, answer);
  }

  function click(req: IncomingMessage, res: ServerResponse, url: string): void {
    const at = now();
    const query = url.indexOf('?');
    const target = query < 0 ? null : new URLSearchParams(url.slice(query + 1)).get(TARGET_PARAM);
    const ids = target === null ? null : verifyClickToken(pathToken(url, CLICK_PATH.length), target, options.secrets(at));
    const location = ids === null || target === null ? null : redirectTarget(target);
    // Never redirect unless the MAC covers this very target: no open redirect.
    if (ids === null || location === null) return sendText(res, 400, 'This link is not valid.\n');
    record(req, res, at, { kind: 'click', ...ids, url: target }, () => {
      res.writeHead(302, redirectHeaders(location));
      res.end();
    });
  }

  function feed(req: IncomingMessage, res: ServerResponse, url: string): void {
    if (!isAuthorized(req.headers.authorization, options.feedKey)) {
      return sendText(res, 401, 'A valid Bearer key is required.\n', { 'www-authenticate': 'Bearer' });
    }
    const query = parseFeedQuery(new URLSearchParams(url.slice(FEED_PATH.length)), store.instance);
    if (typeof query === 'string') return sendText(res, 400, `${query}\n`);
    const body = JSON.stringify(feedPage(store.eventsAfter(query.afterRowId, query.limit + 1), query, store.instance));
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      'cache-control': 'no-store',
    });
    res.end(body);
  }

  /** Records the event, then answers; over the per-IP cap it answers without recording. */
  function record(req: IncomingMessage, res: ServerResponse, at: number, event: Event, answer: () => void): void {
    const ip = clientIp(req.socket.remoteAddress, header(req, 'x-forwarded-for'), options.trustedProxies);
    if (!limit.allow(limitKey(ip), at)) return answer();
    const stored: NewEvent = {
      ...event,
      at,
      ip: options.truncateIp ? truncateIp(ip) : ip,
      userAgent: (req.headers['user-agent'] ?? '').slice(0, MAX_USER_AGENT),
      method: req.method === 'HEAD' ? 'HEAD' : 'GET',
    };
    commits.add(stored, (error) => {
      if (error === null) return answer();
      // Nothing is answered as recorded unless it was: the client may retry.
      console.error(`relay: could not commit events: ${error.message}`);
      sendText(res, 503, 'Temporarily unavailable.\n', { 'retry-after': '60' });
    });
  }

  return { server, drain: () => commits.drain() };
}

/** The token: the path after the prefix, up to any query string. */
function pathToken(url: string, start: number): string {
  const end = url.indexOf('?', start);
  return end < 0 ? url.slice(start) : url.slice(start, end);
}

/** A header as one string (Node joins repeats of unknown headers; its types still allow arrays). */
function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function sendText(res: ServerResponse, status: number, body: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...textHeaders(body), ...extra });
  res.end(body);
}
