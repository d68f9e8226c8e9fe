import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SmtpSettings } from './settings';
import { testImap, testSmtp } from './test-connection';
import { freePort } from './test-servers/free-port';
import { startSmtpSink, type SmtpSink } from './test-servers/smtp-sink';

let sink: SmtpSink;
let noAuth: SmtpSink;
let closed: number;
const smtp = (over: Partial<SmtpSettings>): SmtpSettings => ({
  host: '127.0.0.1', port: sink.port, security: 'none', username: 'studio', password: 'right', fromName: '', fromAddress: 'studio@outpost.test',
  maxConnections: 1, messagesPerMinute: 60, ...over,
});

beforeAll(async () => {
  sink = await startSmtpSink({ login: { user: 'studio', pass: 'right' } });
  noAuth = await startSmtpSink(); // offers no AUTH (and no STARTTLS)
  closed = await freePort();
});
afterAll(() => Promise.all([sink.close(), noAuth.close()]));

/** A plain server that offers STARTTLS (smtp-server's own self-signed certificate) and no AUTH. */
async function startTlsOffering(): Promise<{ port: number; close: () => void }> {
  const server = new SMTPServer({ secure: false, authOptional: true, disabledCommands: ['AUTH'], logger: false });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.server.address() as AddressInfo).port, close: () => server.close() };
}

describe('testSmtp', () => {
  it('logs in, and says the connection was not encrypted', async () => {
    expect(await testSmtp(smtp({}))).toEqual({
      ok: true, message: `Connected to 127.0.0.1:${sink.port} without TLS (as chosen: the password and mail cross the network readable), logged in as studio with PLAIN (password).`,
    });
  });

  it('never says "logged in" when the server offers no AUTH', async () => {
    const r = await testSmtp(smtp({ port: noAuth.port }));
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/^Connected to 127\.0\.0\.1:\d+ without TLS .*, but the server offers no login \(no AUTH\), so Outpost did not log in as studio\./);
    expect(r.message).not.toMatch(/logged in as/);
  });

  it('says when the server offers STARTTLS the settings do not use, and when its certificate is not trusted', async () => {
    const tls = await startTlsOffering();
    try {
      const plain = await testSmtp(smtp({ port: tls.port, username: '' }));
      expect(plain).toEqual({
        ok: true,
        message: `Connected to 127.0.0.1:${tls.port} without TLS (as chosen: the password and mail cross the network readable), no login (none set). The server offers STARTTLS: choose "STARTTLS" to encrypt.`,
      });
      const upgraded = await testSmtp(smtp({ port: tls.port, username: '', security: 'starttls' }));
      expect(upgraded.ok).toBe(false);
      expect(upgraded.message).toMatch(/^The SMTP server's TLS certificate is not trusted at 127\.0\.0\.1:\d+/);
    } finally {
      tls.close();
    }
  });

  it('says the password is wrong', async () => {
    const r = await testSmtp(smtp({ password: 'wrong' }));
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/^The SMTP server refused the login at 127\.0\.0\.1:\d+: check the username and password .* 535 /);
  });

  it('says nothing answers', async () => {
    expect(await testSmtp(smtp({ port: closed }))).toEqual({ ok: false, message: `Nothing answers at 127.0.0.1:${closed} (connection refused): check the server name and port.` });
  });

  it('says TLS does not match when the port speaks plain SMTP', async () => {
    const r = await testSmtp(smtp({ security: 'tls' }));
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/^TLS mismatch at 127\.0\.0\.1:\d+/);
  });

  it('asks for a server name first', async () => {
    expect(await testSmtp(smtp({ host: '' }))).toEqual({ ok: false, message: 'Enter the SMTP server name first.' });
  });
});

describe('testImap', () => {
  it('says nothing answers, without throwing', async () => {
    const r = await testImap({ host: '127.0.0.1', port: closed, security: 'none', username: 'u', password: 'p', sentFolder: 'Sent' });
    expect(r).toEqual({ ok: false, message: `Nothing answers at 127.0.0.1:${closed} (connection refused): check the server name and port.` });
  });
});
