import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SmtpSettings } from './settings';
import { testImap, testSmtp } from './test-connection';
import { freePort } from './test-servers/free-port';
import { startSmtpSink, type SmtpSink } from './test-servers/smtp-sink';

let sink: SmtpSink;
let closed: number;
const smtp = (over: Partial<SmtpSettings>): SmtpSettings => ({
  host: '127.0.0.1', port: sink.port, security: 'none', username: 'studio', password: 'right', fromName: '', fromAddress: 'studio@outpost.test',
  maxConnections: 1, messagesPerMinute: 60, ...over,
});

beforeAll(async () => {
  sink = await startSmtpSink({ login: { user: 'studio', pass: 'right' } });
  closed = await freePort();
});
afterAll(() => sink.close());

describe('testSmtp', () => {
  it('logs in', async () => {
    expect(await testSmtp(smtp({}))).toEqual({ ok: true, message: `Connected to 127.0.0.1:${sink.port}, logged in as studio.` });
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
