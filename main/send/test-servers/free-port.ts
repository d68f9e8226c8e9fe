// Tests and bench only: a loopback port nothing listens on (just opened and closed), to start a
// server on or to point a client at when a test needs a refused connection.
import net from 'node:net';

export async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((r) => server.close(r));
  return port;
}
