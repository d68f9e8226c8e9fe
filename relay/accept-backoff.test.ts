import { createServer, connect, type AddressInfo, type Server } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { backOffWhenOutOfDescriptors } from './accept-backoff';

let server: Server;
afterEach(() => new Promise<void>((done) => server.close(() => done())));

function outOfDescriptors(code: 'EMFILE' | 'ENFILE'): NodeJS.ErrnoException {
  return Object.assign(new Error(`accept ${code}`), { code, syscall: 'accept' });
}

/** 'ok' when the port answers, 'refused' when nothing listens. */
function knock(port: number): Promise<'ok' | 'refused'> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('data', () => (socket.destroy(), resolve('ok')));
    socket.once('error', () => resolve('refused'));
  });
}

it('a failed accept for want of descriptors neither ends the process nor the listener: it pauses, then reopens the same port', async () => {
  server = createServer((socket) => socket.end('hi'));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  const failures: Error[] = [];
  const backoff = backOffWhenOutOfDescriptors(server, port, '127.0.0.1', (error) => failures.push(error));

  // Without a listener this 'error' would be thrown and end the process.
  server.emit('error', outOfDescriptors('EMFILE'));
  server.emit('error', outOfDescriptors('ENFILE'));
  expect(backoff.paused()).toBe(true);
  expect(await knock(port)).toBe('refused');
  await new Promise((done) => setTimeout(done, 300));
  expect(backoff.paused()).toBe(false);
  expect(server.listening).toBe(true);
  expect(await knock(port)).toBe('ok');
  expect(failures).toEqual([]);
});

it('reports an error it cannot wait out, and stop() cancels a pending reopen', async () => {
  server = createServer((socket) => socket.end('hi'));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  const failures: Error[] = [];
  const backoff = backOffWhenOutOfDescriptors(server, port, '127.0.0.1', (error) => failures.push(error));
  server.emit('error', Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE', syscall: 'listen' }));
  expect(failures.map((e) => e.message)).toEqual(['listen EADDRINUSE']);
  server.emit('error', outOfDescriptors('EMFILE'));
  backoff.stop();
  await new Promise((done) => setTimeout(done, 300));
  expect(server.listening).toBe(false);
  server.listen(port, '127.0.0.1');
  await new Promise((done) => server.once('listening', done));
});
