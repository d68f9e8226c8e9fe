// The benchmark's baseline: a bare node:http server that answers the relay's paths from
// memory with the relay's own bytes (GIF, headers, redirect), recording nothing. It passes
// headers to writeHead the same way the relay does (flat lists) and has the same keep-alive
// settings, so the two differ only by what the relay does per request.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PIXEL_GIF, PIXEL_HEADER_LIST, redirectHeaderList } from '../../relay/responses';
import { CLICK_PATH } from '../../relay/token';

const server = createServer((req, res) => {
  if (req.url?.startsWith(CLICK_PATH)) {
    res.writeHead(302, redirectHeaderList('https://example.com/pricing?ref=newsletter'));
    res.end();
    return;
  }
  res.writeHead(200, PIXEL_HEADER_LIST as string[]);
  res.end(PIXEL_GIF);
});
server.headersTimeout = 10_000;
server.requestTimeout = 10_000;
server.keepAliveTimeout = 5_000;
server.listen(0, '127.0.0.1', () => {
  console.log(`bare listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
