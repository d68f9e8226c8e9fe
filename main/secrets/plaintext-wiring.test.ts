import net from 'node:net';
import tls from 'node:tls';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appendToSentFolder, imapClient } from '../send/sent-folder';
import { testImap, testSmtp } from '../send/test-connection';
import { createSmtpPool } from '../send/connection-pool';

// 192.0.2.1 is TEST-NET-1 (documentation only, never routed); any attempt to open a socket
// fails the test below before a packet could leave.
const HOST = '192.0.2.1';
const smtp = (over = {}) => ({ host: HOST, port: 25, security: 'none' as const, username: 'me', password: 'never-sent', plaintextPasswordHost: '', fromName: '', fromAddress: 'me@example.com', maxConnections: 1, messagesPerMinute: 60, ...over });
const imap = (over = {}) => ({ host: HOST, port: 143, security: 'none' as const, username: 'me', password: 'never-sent', plaintextPasswordHost: '', sentFolder: 'Sent', ...over });

function forbidSockets() {
  const opened: string[] = [];
  const refuse = (what: string) => () => {
    opened.push(what);
    throw new Error(`test: a ${what} was opened`);
  };
  vi.spyOn(net.Socket.prototype, 'connect').mockImplementation(refuse('socket') as never);
  vi.spyOn(tls, 'connect').mockImplementation(refuse('TLS socket') as never);
  vi.spyOn(net, 'connect').mockImplementation(refuse('socket') as never);
  vi.spyOn(net, 'createConnection').mockImplementation(refuse('socket') as never);
  return opened;
}
afterEach(() => vi.restoreAllMocks());

describe('no password over a connection without TLS unless confirmed for that host', () => {
  it('SMTP: "Test connection" and the sending pool refuse before any connection opens, and say why', async () => {
    const opened = forbidSockets();
    const test = await testSmtp(smtp());
    expect(test.ok).toBe(false);
    expect(test.message).toContain(`did not send your SMTP password to ${HOST}`);
    const pool = createSmtpPool(smtp());
    const sent = await pool.send({ envelope: { from: 'me@example.com', to: ['you@example.com'] }, message: Buffer.from('Subject: x\r\n\r\nx') }).catch((e: Error) => e);
    pool.close();
    expect(sent).toBeInstanceOf(Error);
    expect((sent as Error).message).toContain('did not send your SMTP password');
    expect(opened).toEqual([]);
  });

  it('IMAP: the watcher client, "Test connection" and the Sent-folder append refuse before any connection opens', async () => {
    const opened = forbidSockets();
    await expect(imapClient(imap()).connect()).rejects.toThrow(`did not send your IMAP password to ${HOST}`);
    expect((await testImap(imap())).message).toContain('did not send your IMAP password');
    await expect(appendToSentFolder(imap(), Buffer.from('x'), new Date())).rejects.toThrow('did not send your IMAP password');
    expect(opened).toEqual([]);
  });

  it('a confirmation for another host does not count; one for this host lets the client be made with the password', () => {
    forbidSockets();
    const other = imapClient(imap({ plaintextPasswordHost: 'mail.example.com' }));
    expect((other as unknown as { options: { auth: { pass: string } } }).options.auth.pass).toBe('');
    const confirmed = imapClient(imap({ plaintextPasswordHost: HOST }));
    expect((confirmed as unknown as { options: { auth: { pass: string } } }).options.auth.pass).toBe('never-sent');
  });
});
