import crypto from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { invoke, type Handlers, type InvokeLog } from '../api/invoke';
import type { ApiResult } from '../api/contract';
import { CONTENT_SECURITY_POLICY } from './csp';
import { serveStatic } from './static-files';
import { liveStream, type LiveStreamOptions } from './live-stream';

export interface HostOptions {
  handlers: Handlers;
  rendererDir: string;
  port?: number;
  /** Defaults to a random per-launch token. */
  token?: string;
  maxBodyBytes?: number;
  log?: InvokeLog;
  /** The core's live events, served as server-sent events at /api/live. */
  live?: LiveStreamOptions;
}

export interface RunningHost {
  url: string;
  /** The URL to open: carries the token in the fragment, which browsers never send to a server. */
  openUrl: string;
  token: string;
  close(): Promise<void>;
}

const API_PREFIX = '/api/call/';
const LIVE_PATH = '/api/live';
/** How much of a refused body is read and dropped so its sender sees the answer. */
const MAX_DRAIN_BYTES = 256 * 1024 * 1024;

/**
 * Browser mode's twin of Electron IPC: the same contract over HTTP on 127.0.0.1, plus the built
 * renderer. Other pages on this machine cannot call it: every call needs the launch token (kept
 * by the UI in sessionStorage), a JSON content type (so a plain cross-site form cannot post),
 * and a Host of 127.0.0.1 or localhost (so a rebinding DNS name cannot reach it).
 */
export async function startHttpHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? crypto.randomBytes(32).toString('base64url');
  const expected = Buffer.from(`Bearer ${token}`);
  const maxBody = options.maxBodyBytes ?? 32 * 1024 * 1024;
  let port = 0;

  const log = options.log ?? console;
  const live = options.live && liveStream(options.live);
  const authorized = (req: IncomingMessage) => {
    const auth = Buffer.from(req.headers.authorization ?? '');
    return auth.length === expected.length && crypto.timingSafeEqual(auth, expected);
  };
  const server = http.createServer((req, res) => {
    res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    if (!hostAllowed(req.headers.host, port)) return void drainAndReply(req, res, 421, failure('unauthorized', 'wrong Host header: open the 127.0.0.1 URL that `npm start` printed'));
    const url = req.url ?? '/';
    if (url.startsWith(API_PREFIX)) {
      // Whatever a call does wrong ends as a JSON answer, never as a crash of the app.
      handleCall(req, res, url.slice(API_PREFIX.length)).catch((err: unknown) => {
        log.error('call failed outside its handler', err);
        if (!res.headersSent) drainAndReply(req, res, 500, failure('internal', 'the call failed: see the app log'));
        else res.destroy();
      });
      return;
    }
    if (live && url.split('?')[0] === LIVE_PATH) {
      // The same launch token as every call: fetch() sends it (EventSource could not).
      if (req.method !== 'GET') return void drainAndReply(req, res, 405, failure('unknown_call', 'the live stream is a GET request'));
      if (!authorized(req)) return void drainAndReply(req, res, 401, failure('unauthorized', 'missing or wrong launch token: open the URL that `npm start` printed'));
      if (!live.open(res)) drainAndReply(req, res, 503, failure('internal', 'too many pages are following live changes: close another Outpost tab'));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return void drainAndReply(req, res, 405, failure('unknown_call', 'only GET and HEAD outside /api/call/'));
    serveStatic(options.rendererDir, url, res, req.method === 'HEAD');
  });
  // A request Node cannot even parse (bad header, bad request line) also gets JSON.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || err.code === 'ECONNRESET') return void socket.destroy();
    const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
    const body = JSON.stringify(failure('invalid_input', tooLarge ? 'request headers are too large' : `malformed request: ${err.code ?? err.message}`));
    socket.end(`HTTP/1.1 ${tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
  });

  async function handleCall(req: IncomingMessage, res: ServerResponse, rawName: string) {
    if (req.method !== 'POST') return drainAndReply(req, res, 405, failure('unknown_call', 'calls are POST requests'));
    if (!authorized(req)) {
      return drainAndReply(req, res, 401, failure('unauthorized', 'missing or wrong launch token: open the URL that `npm start` printed'));
    }
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return drainAndReply(req, res, 415, failure('invalid_input', 'calls must be sent as application/json'));
    }
    const name = decodeName(rawName);
    if (name === null) return drainAndReply(req, res, 400, failure('unknown_call', 'the call name in the path is not valid percent-encoding'));
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBody) return drainAndReply(req, res, 413, failure('invalid_input', `request body is larger than ${maxBody} bytes`));
    const text = await readBody(req, maxBody);
    if (text === null) return drainAndReply(req, res, 413, failure('invalid_input', `request body is larger than ${maxBody} bytes`));
    let body: unknown;
    try {
      body = JSON.parse(text || '{}');
    } catch (err) {
      return reply(res, 400, failure('invalid_input', err instanceof Error ? err.message : 'unreadable body'));
    }
    const result = await invoke(options.handlers, name, body, options.log);
    reply(res, 200, result);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    openUrl: `${url}#token=${token}`,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function hostAllowed(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

function failure(code: 'unknown_call' | 'unauthorized' | 'invalid_input' | 'internal', message: string): ApiResult {
  return { ok: false, error: { code, message } };
}

function decodeName(raw: string): string | null {
  try {
    return decodeURIComponent(raw.split('?')[0] ?? '');
  } catch {
    return null;
  }
}

function reply(res: ServerResponse, status: number, body: ApiResult) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/**
 * Answers before the body is read, then reads (and drops) the rest of it and closes: closing
 * while the client still writes would reach it as a reset instead of this answer.
 */
function drainAndReply(req: IncomingMessage, res: ServerResponse, status: number, body: ApiResult) {
  res.shouldKeepAlive = false;
  reply(res, status, body);
  req.removeAllListeners('data');
  let dropped = 0;
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > MAX_DRAIN_BYTES) req.destroy(); // a client that never stops is cut off
  });
  req.resume();
}

/** The body as text, or null once it passes the limit (the rest is left to drain). */
function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off('data', onData);
      chunks.length = 0;
      resolve(null);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
