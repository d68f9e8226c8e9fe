// The public HTTP surface: pixel, click redirect, health and the authenticated feed.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { BlockList } from 'node:net';
import { clientIp, limitKey, truncateIp } from './client-ip';
import type { EventStore, NewEvent } from './event-store';
import { CLIENT_IP_HEADER, feedPage, isAuthorized, parseFeedQuery } from './feed';
import { GroupCommit } from './group-commit';
import { PerMinuteLimit } from './rate-limit';
import { PIXEL_GIF, PIXEL_HEADER_LIST, redirectHeaderList, textHeaders } from './responses';
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
/** The whole header block, then the whole request, must arrive within these (relay/README.md). */
export const HEADERS_TIMEOUT_MS = 10_000;
export const REQUEST_TIMEOUT_MS = 10_000;
const MAX_USER_AGENT = 512;
const FEED_PATH = '/v1/events';

export interface RelayServerOptions {
  /** Read side, for the feed. */
  store: EventStore;
  /** Commits a batch of events durably in one transaction, or throws and commits none. */
  commit: (events: NewEvent[]) => void;
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
  /** Commits and answers every event received so far. */
  drain: () => Promise<void>;
}

/** A request waiting for its batch's commit: the event, and how to answer it. */
interface Pending {
  event: NewEvent;
  res: ServerResponse;
  /** The redirect target of a click; null for an open (answered with the GIF). */
  location: string | null;
}

/** The few request headers the relay reads, found in one pass over rawHeaders. */
interface RequestHeaders {
  /** Content-Length or Transfer-Encoding was sent: the request has a body. */
  body: boolean;
  /** The first User-Agent, as Node keeps it. */
  userAgent: string;
  /** Every X-Forwarded-For, joined with ", " as Node joins them. */
  forwardedFor: string | undefined;
}

export function createRelayServer(options: RelayServerOptions): RelayServer {
  const { store, now } = options;
  const commits = new GroupCommit<Pending>(
    (batch) => options.commit(batch.map((pending) => pending.event)),
    (batch, error) => {
      if (error !== null) {
        // Nothing is answered as recorded unless it was: the client may retry.
        console.error(`relay: could not commit events: ${error.message}`);
        for (const { res } of batch) sendText(res, 503, 'Temporarily unavailable.\n', { 'retry-after': '60' });
        return;
      }
      for (const { res, location } of batch) answer(res, location);
    },
  );
  const limit = new PerMinuteLimit(options.maxEventsPerIpPerMinute);
  const requestIp = (req: IncomingMessage, headers: RequestHeaders) => clientIp(req.socket.remoteAddress, headers.forwardedFor, options.trustedProxies);
  /** As events store it: truncated when the operator asked for it. */
  const storedIp = (ip: string) => (options.truncateIp ? truncateIp(ip) : ip);

  // Node checks headersTimeout and requestTimeout only every connectionsCheckingInterval
  // (30 s by default): check every second so the 10 s limits below hold to within a second.
  const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES, connectionsCheckingInterval: 1_000 }, (req, res) => {
    const url = req.url ?? '/';
    const method = req.method;
    const headers = readHeaders(req.rawHeaders);
    // A body is never read: the connection closes after the answer, or a client could hold it
    // open by trickling a body the server would otherwise drain for keep-alive.
    const close: Record<string, string> = headers.body ? { connection: 'close' } : {};
    if (method !== 'GET' && method !== 'HEAD') {
      return sendText(res, 405, 'Only GET and HEAD are served.\n', { allow: 'GET, HEAD', ...close });
    }
    if (url.length > MAX_URL_LENGTH) return sendText(res, 414, 'URL too long.\n', close);
    if (headers.body) return sendText(res, 413, 'Request bodies are not accepted.\n', close);
    if (url.startsWith(PIXEL_PATH)) return pixel(req, res, url, headers);
    if (url.startsWith(CLICK_PATH)) return click(req, res, url, headers);
    if (url === '/healthz') return sendText(res, 200, 'ok\n');
    if (url === FEED_PATH || url.startsWith(`${FEED_PATH}?`)) return feed(req, res, url, headers);
    return sendText(res, 404, 'Not found.\n');
  });
  // Slow clients must not hold sockets open: bound every phase of a request (README: 10 s).
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  server.keepAliveTimeout = 5_000;
  server.maxHeadersCount = 64;

  function pixel(req: IncomingMessage, res: ServerResponse, url: string, headers: RequestHeaders): void {
    const at = now();
    const ids = verifyOpenToken(pathToken(url, PIXEL_PATH.length), options.secrets(at));
    // A bad token still gets the image: a broken image helps nobody.
    if (ids === null) return answer(res, null);
    record(req, res, headers, at, 'open', ids.emailId, ids.recipientId, null, null, null);
  }

  function click(req: IncomingMessage, res: ServerResponse, url: string, headers: RequestHeaders): void {
    const at = now();
    const query = url.indexOf('?');
    const target = query < 0 ? null : targetParam(url, query);
    const ids = target === null ? null : verifyClickToken(pathToken(url, CLICK_PATH.length), target, options.secrets(at));
    const location = ids === null || target === null ? null : redirectTarget(target);
    // Never redirect unless the MAC covers this very target: no open redirect.
    if (ids === null || location === null) return sendText(res, 400, 'This link is not valid.\n');
    record(req, res, headers, at, 'click', ids.emailId, ids.recipientId, ids.linkIndex, target, location);
  }

  function feed(req: IncomingMessage, res: ServerResponse, url: string, headers: RequestHeaders): void {
    // The app's own address as its events would store it: the app learns it and counts opens from it as the user's.
    const you = { [CLIENT_IP_HEADER]: storedIp(requestIp(req, headers)) };
    if (!isAuthorized(req.headers.authorization, options.feedKey)) {
      return sendText(res, 401, 'A valid Bearer key is required.\n', { 'www-authenticate': 'Bearer', ...you });
    }
    const query = parseFeedQuery(new URLSearchParams(url.slice(FEED_PATH.length)), store.instance);
    if (typeof query === 'string') return sendText(res, 400, `${query}\n`, you);
    const body = JSON.stringify(feedPage(store.eventsAfter(query.afterRowId, query.limit + 1), query, store.instance));
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      'cache-control': 'no-store',
      ...you,
    });
    res.end(body);
  }

  /** Queues the event for the next group commit, which answers it; over the per-IP cap it answers without recording. */
  function record(
    req: IncomingMessage,
    res: ServerResponse,
    headers: RequestHeaders,
    at: number,
    kind: NewEvent['kind'],
    emailId: number,
    recipientId: number,
    linkIndex: number | null,
    url: string | null,
    location: string | null,
  ): void {
    const ip = requestIp(req, headers);
    if (!limit.allow(limitKey(ip), at)) return answer(res, location);
    const event: NewEvent = {
      kind,
      emailId,
      recipientId,
      linkIndex,
      url,
      at,
      ip: storedIp(ip),
      userAgent: headers.userAgent.length > MAX_USER_AGENT ? headers.userAgent.slice(0, MAX_USER_AGENT) : headers.userAgent,
      method: req.method === 'HEAD' ? 'HEAD' : 'GET',
    };
    commits.add({ event, res, location });
  }

  return {
    server,
    drain: () => {
      commits.flush();
      return Promise.resolve();
    },
  };
}

/** The GIF for an open (location null), the redirect for a click. */
function answer(res: ServerResponse, location: string | null): void {
  if (location === null) {
    res.writeHead(200, PIXEL_HEADER_LIST as string[]);
    res.end(PIXEL_GIF);
  } else {
    res.writeHead(302, redirectHeaderList(location));
    res.end();
  }
}

function readHeaders(raw: readonly string[]): RequestHeaders {
  let body = false;
  let userAgent: string | undefined;
  let forwardedFor: string | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    // Only names of the lengths asked for are lowercased and compared.
    switch (name.length) {
      case 10:
        if (userAgent === undefined && name.toLowerCase() === 'user-agent') userAgent = raw[i + 1]!;
        break;
      case 14:
        if (name.toLowerCase() === 'content-length') body = true;
        break;
      case 17:
        if (name.toLowerCase() === 'transfer-encoding') body = true;
        break;
      case 15:
        if (name.toLowerCase() === 'x-forwarded-for') {
          forwardedFor = forwardedFor === undefined ? raw[i + 1]! : `${forwardedFor}, ${raw[i + 1]!}`;
        }
        break;
    }
  }
  return { body, userAgent: userAgent ?? '', forwardedFor };
}

/**
 * The decoded `u` parameter, as URLSearchParams reads it. The app writes exactly `?u=<encoded>`:
 * that form is decoded directly; anything else (other parameters, `+`, malformed escapes) goes
 * through URLSearchParams.
 */
function targetParam(url: string, query: number): string | null {
  const search = url.slice(query + 1);
  if (search.startsWith(`${TARGET_PARAM}=`) && !search.includes('&') && !search.includes('+')) {
    try {
      return decodeURIComponent(search.slice(TARGET_PARAM.length + 1));
    } catch {
      // malformed escapes: URLSearchParams keeps them as they are
    }
  }
  return new URLSearchParams(search).get(TARGET_PARAM);
}

/** The token: the path after the prefix, up to any query string. */
function pathToken(url: string, start: number): string {
  const end = url.indexOf('?', start);
  return end < 0 ? url.slice(start) : url.slice(start, end);
}

function sendText(res: ServerResponse, status: number, body: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...textHeaders(body), ...extra });
  res.end(body);
}
