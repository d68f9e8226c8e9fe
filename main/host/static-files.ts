import fs from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import { contentType } from '../shell/app-protocol';


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
  res.writeHead(200, {
    // One table of types for both ways the UI is served (this host and Electron's app:// protocol).
    'content-type': contentType(target),
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
