// The redirect target of a desktop sign-in (RFC 8252 7.3): an HTTP listener on 127.0.0.1 at a
// port the system picks, alive for one sign-in. Only a request carrying this sign-in's state
// counts; the first such answer ends it (code or refusal), and so does the timeout.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const REDIRECT_PATH = '/oauth/callback';
const PAGE = (words: string) =>
  `<!doctype html><meta charset="utf-8"><title>Outpost</title><body style="font:16px system-ui;margin:3em"><p>${words}</p></body>`;

export interface RedirectListener {
  /** http://127.0.0.1:PORT/oauth/callback */
  redirectUri: string;
  /** The authorization code; rejects on the provider's refusal, on timeout, or on close(). */
  code: Promise<string>;
  close(): void;
}

export class SignInError extends Error {
  constructor(message: string, readonly code = 'ESIGNIN') {
    super(message);
  }
}

export async function listenForRedirect(state: string, timeoutMs: number): Promise<RedirectListener> {
  let settle!: { resolve: (code: string) => void; reject: (err: Error) => void };
  const code = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  code.catch(() => {}); // the caller awaits it; an early close must not be an unhandled rejection
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // Anything else (favicon, a stray or forged request) is turned away and the sign-in goes on.
    if (req.method !== 'GET' || url.pathname !== REDIRECT_PATH || url.searchParams.get('state') !== state) {
      res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE('This is not the answer to the sign-in Outpost is waiting for.'));
      return;
    }
    const got = url.searchParams.get('code');
    const error = url.searchParams.get('error');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', connection: 'close' });
    if (got) {
      res.end(PAGE('Signed in. You can close this tab and go back to Outpost.'));
      settle.resolve(got);
    } else {
      const why = url.searchParams.get('error_description') ?? error ?? 'no code came back';
      res.end(PAGE('The sign-in was not completed. You can close this tab.'));
      settle.reject(new SignInError(error === 'access_denied' ? 'The sign-in was cancelled or access was not granted.' : `The provider refused the sign-in: ${why.slice(0, 300)}`));
    }
  });
  const timer = setTimeout(() => settle.reject(new SignInError(`No answer from the sign-in page within ${Math.round(timeoutMs / 60_000)} minutes: try again.`, 'ETIMEDOUT')), timeoutMs);
  function close(): void {
    clearTimeout(timer);
    settle.reject(new SignInError('The sign-in was stopped.', 'ECANCELED'));
    // Stops listening; the answer page still goes out on its connection (marked close).
    server.close();
    server.closeIdleConnections();
  }
  code.then(close, close);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return { redirectUri: `http://127.0.0.1:${port}${REDIRECT_PATH}`, code, close };
}
