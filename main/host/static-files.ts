import fs from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** Serves the built renderer; unknown paths get index.html (the UI routes by hash). */
export function serveStatic(root: string, urlPath: string, res: ServerResponse, head: boolean): void {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    res.writeHead(400, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ ok: false, error: { code: 'invalid_input', message: 'the path is not valid percent-encoding' } }));
    return;
  }
  const file = path.resolve(root, `.${rel}`);
  if (!file.startsWith(path.resolve(root) + path.sep) && file !== path.resolve(root)) {
    res.writeHead(404).end();
    return;
  }
  const target = isFile(file) ? file : path.join(root, 'index.html');
  if (!isFile(target)) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end('The UI is not built yet: run `npm run build`.');
    return;
  }
  const ext = path.extname(target);
  res.writeHead(200, {
    'content-type': TYPES[ext] ?? 'application/octet-stream',
    // Hashed asset names can be cached; index.html must be re-read so a new build shows up.
    'cache-control': target.includes(`${path.sep}assets${path.sep}`) ? 'max-age=31536000, immutable' : 'no-cache',
  });
  if (head) res.end();
  else fs.createReadStream(target).pipe(res);
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}
