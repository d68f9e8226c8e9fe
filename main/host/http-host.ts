import crypto from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { invoke, type Handlers, type InvokeLog } from '../api/invoke';
import type { ApiResult } from '../api/contract';
import { CONTENT_SECURITY_POLICY } from './csp';
import { serveStatic } from './static-files';

export interface HostOptions {
  handlers: Handlers;
  rendererDir: string;
  port?: number;
  /** Defaults to a random per-launch token. */
  token?: string;
  maxBodyBytes?: number;
  log?: InvokeLog;
}

export interface RunningHost {
  url: string;
  /** The URL to open: carries the token in the fragment, which browsers never send to a server. */
  openUrl: string;
  token: string;
  close(): Promise<void>;
}

const API_PREFIX = '/api/call/';

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

  const server = http.createServer((req, res) => {
    res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    if (!hostAllowed(req.headers.host, port)) return void res.writeHead(421).end('wrong host');
    const url = req.url ?? '/';
    if (url.startsWith(API_PREFIX)) return void handleCall(req, res, url.slice(API_PREFIX.length));
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405).end();
    serveStatic(options.rendererDir, url, res, req.method === 'HEAD');
  });

  async function handleCall(req: IncomingMessage, res: ServerResponse, name: string) {
    if (req.method !== 'POST') return reply(res, 405, failure('unknown_call', 'calls are POST requests'));
    const auth = Buffer.from(req.headers.authorization ?? '');
    if (auth.length !== expected.length || !crypto.timingSafeEqual(auth, expected)) {
      req.resume();
      return reply(res, 401, failure('unauthorized', 'missing or wrong launch token: open the URL that `npm start` printed'));
    }
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      req.resume();
      return reply(res, 415, failure('invalid_input', 'calls must be sent as application/json'));
    }
    let body: unknown;
    try {
      body = JSON.parse((await readBody(req, maxBody)) || '{}');
    } catch (err) {
      return reply(res, 400, failure('invalid_input', err instanceof Error ? err.message : 'unreadable body'));
    }
    const result = await invoke(options.handlers, decodeURIComponent(name), body, options.log);
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

function failure(code: 'unknown_call' | 'unauthorized' | 'invalid_input', message: string): ApiResult {
  return { ok: false, error: { code, message } };
}

function reply(res: ServerResponse, status: number, body: ApiResult) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error(`request body is larger than ${limit} bytes`));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
