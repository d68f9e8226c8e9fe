// The benchmark's baseline: a bare node:http server that answers the relay's paths from
// memory with the relay's own bytes (GIF, headers, redirect), recording nothing.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PIXEL_GIF, PIXEL_HEADERS, redirectHeaders } from '../../relay/responses';
import { CLICK_PATH } from '../../relay/token';

const REDIRECT = redirectHeaders('https://example.com/');

const server = createServer((req, res) => {
  if (req.url?.startsWith(CLICK_PATH)) {
    res.writeHead(302, REDIRECT);
    res.end();
    return;
  }
  res.writeHead(200, PIXEL_HEADERS);
  res.end(PIXEL_GIF);
});
server.listen(0, '127.0.0.1', () => {
  console.log(`bare listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
