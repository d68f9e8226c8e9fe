import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { generateSecret } from '../../relay/token';
import type { EmailToSend } from './build-copy';
import { createSmtpPool, socketOf } from './connection-pool';
import type { CopyRecipe } from './copy-recipe';
import { freePort } from './test-servers/free-port';
import { loopbackAccount, rawCopy, startRefusingSink } from './test-servers/pool-fixtures';
import { startScriptedSmtp } from './test-servers/scripted-smtp';
import type { SmtpSink } from './test-servers/smtp-sink';

let sink: SmtpSink;
const addresses = (n: number, prefix = 'c') => Array.from({ length: n }, (_, i) => `${prefix}${i}@outpost.test`);

beforeAll(async () => {
  sink = await startRefusingSink();
});
afterAll(() => sink.close());

describe('the SMTP connection pool', () => {
  it('sends every copy as its bytes with its own envelope and delivery-report request', async () => {
    const pool = createSmtpPool(loopbackAccount(sink.port));
    const before = sink.received.length;
    const transmitted: string[] = [];
    const replies = await Promise.all(addresses(6).map((to) => pool.send(rawCopy(to, () => transmitted.push(to)))));
    pool.close();
    expect(replies.every((r) => /^250 /.test(r.response))).toBe(true);
    expect(transmitted.sort()).toEqual(addresses(6).sort());
    const got = sink.received.slice(before);
    expect(got.map((m) => m.to[0]!.address).sort()).toEqual(addresses(6).sort());
    const first = got.find((m) => m.to[0]!.address === 'c0@outpost.test')!;
    expect(first.raw).toBe('From: studio@outpost.test\r\nTo: c0@outpost.test\r\nSubject: hi\r\n\r\nHello.\r\n');
    expect(first.mailDsn).toMatchObject({ ret: 'HDRS', envid: 'id-c0@outpost.test' });
    expect(first.to[0]).toMatchObject({ notify: ['SUCCESS', 'FAILURE'], orcpt: 'rfc822;c0@outpost.test' });
  });

  it('gives a refused recipient its own error and carries on over the same connection', async () => {
    const server = await startScriptedSmtp((command) => (command.includes('<gone@') ? '550 5.1.1 no such user' : null));
    const pool = createSmtpPool(loopbackAccount(server.port, { maxConnections: 1 }));
    let transmitted = false;
    const refused = pool.send(rawCopy('gone@outpost.test', () => (transmitted = true))).catch((e: unknown) => e);
    const after = pool.send(rawCopy('ok@outpost.test'));
    expect(await refused).toMatchObject({ code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO' });
    expect((await after).response).toMatch(/^250/);
    pool.close();
    expect(transmitted).toBe(false);
    expect(server.sessions()).toBe(1);
    await server.close();
  });

  it('uses at most maxConnections, each for at most maxMessages', async () => {
    const server = await startScriptedSmtp();
    const pool = createSmtpPool(loopbackAccount(server.port, { maxConnections: 2 }), { maxMessages: 3 });
    await Promise.all(addresses(12).map((to) => pool.send(rawCopy(to))));
    pool.close();
    expect(server.messages()).toBe(12);
    expect(server.sessions()).toBe(4);
    await server.close();
  });

  it("keeps to the server's own connection limit: a refused second connection costs no copy", async () => {
    const server = await startScriptedSmtp((command, session) => (command === 'CONNECT' && session.index > 1 ? '421 4.7.0 too many connections' : null));
    const pool = createSmtpPool(loopbackAccount(server.port, { maxConnections: 3 }));
    const burst = () => Promise.all(addresses(10).map((to) => pool.send(rawCopy(to))));
    const replies = [...(await burst()), ...(await burst())];
    pool.close();
    expect(replies.map((r) => r.response)).toEqual(Array(20).fill('250 ok'));
    expect(server.messages()).toBe(20);
    // One connection that works and two refused at the start; none tried again for the second burst.
    expect(server.sessions()).toBe(3);
    await server.close();
  });

  it('keeps to the pace: 120 a minute lets two through in the first second', async () => {
    const server = await startScriptedSmtp();
    const pool = createSmtpPool(loopbackAccount(server.port, { messagesPerMinute: 120 }));
    const sends = addresses(3).map((to) => pool.send(rawCopy(to)));
    await new Promise((r) => setTimeout(r, 500));
    expect(server.messages()).toBe(2);
    await Promise.all(sends);
    expect(server.messages()).toBe(3);
    pool.close();
    await server.close();
  });

  it('fails every waiting copy at once when no connection can be made', async () => {
    const pool = createSmtpPool(loopbackAccount(await freePort(), { maxConnections: 2 }));
    const errors = await Promise.all(addresses(20).map((to) => pool.send(rawCopy(to)).catch((e: unknown) => e)));
    pool.close();
    expect(errors).toEqual(Array(20).fill(expect.objectContaining({ code: 'ESOCKET', originalCode: 'ECONNREFUSED' })));
  });

  it('tries each connection once against a server that hangs up before greeting, not once per copy', async () => {
    let accepted = 0;
    const server = net.createServer((socket) => (accepted++, socket.destroy())).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const pool = createSmtpPool(loopbackAccount((server.address() as net.AddressInfo).port, { maxConnections: 2 }));
    const errors = await Promise.all(addresses(20).map((to) => pool.send(rawCopy(to)).catch((e: unknown) => e)));
    pool.close();
    server.close();
    expect(errors).toEqual(Array(20).fill(expect.objectContaining({ code: 'ECONNECTION' })));
    expect(accepted).toBe(2);
  });

  it('sends again, on a fresh connection, a copy whose reused connection dropped before the message went out', async () => {
    // The server hangs up on the second MAIL FROM of its first connection.
    const server = await startScriptedSmtp((command, session) => (session.index === 1 && session.messages === 1 && command.startsWith('MAIL') ? 'hang up' : null));
    const pool = createSmtpPool(loopbackAccount(server.port, { maxConnections: 1 }));
    const replies = await Promise.all(['a@outpost.test', 'b@outpost.test'].map((to) => pool.send(rawCopy(to, () => {}))));
    pool.close();
    expect(replies.map((r) => r.response)).toEqual(['250 ok', '250 ok']);
    expect(server.sessions()).toBe(2);
    expect(server.messages()).toBe(2);
    await server.close();
  });

  it('never sends again by itself a copy whose connection dropped after the message went out', async () => {
    const server = await startScriptedSmtp((command) => (command === '.' ? 'hang up' : null));
    const pool = createSmtpPool(loopbackAccount(server.port, { maxConnections: 1 }));
    let transmitted = false;
    const err = await pool.send(rawCopy('a@outpost.test', () => (transmitted = true))).catch((e: unknown) => e);
    pool.close();
    expect(err).toMatchObject({ code: 'ECONNECTION' });
    expect(transmitted).toBe(true);
    expect(server.messages()).toBe(1);
    await server.close();
  });

  it('on close, fails the copies still waiting and lets the ones on a connection finish', async () => {
    const server = await startScriptedSmtp();
    const pool = createSmtpPool(loopbackAccount(server.port, { maxConnections: 1, messagesPerMinute: 60 }));
    const first = pool.send(rawCopy('a@outpost.test'));
    const second = pool.send(rawCopy('b@outpost.test')).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 100));
    pool.close();
    expect((await first).response).toBe('250 ok');
    expect(await second).toMatchObject({ code: 'ECONNECTION', message: 'The SMTP pool was closed.' });
    await expect(pool.send(rawCopy('c@outpost.test'))).rejects.toMatchObject({ message: 'The SMTP pool was closed.' });
    await server.close();
  });

  it('builds a copy from its recipe; those that cannot be built fail alone, before any server is asked', async () => {
    const before = sink.received.length;
    const pool = createSmtpPool(loopbackAccount(sink.port, { maxConnections: 1 }));
    const email: EmailToSend = {
      id: 1, messageId: '<m1@outpost.test>', fromAddress: 'studio@outpost.test', subject: 'Your gallery', bodyHtml: '<p><a href="https://photos.example/g">Gallery</a></p>',
      bodyText: 'Gallery', tracking: 'opens_clicks', createdAt: Date.UTC(2026, 10, 23), to: [{ name: 'Ana', address: 'ana@outpost.test' }], cc: [], bcc: [], attachments: [],
    };
    const recipe = (relaySecret: string): CopyRecipe => ({
      email, fromName: 'Sam', address: 'ana@outpost.test', copyId: 'copyA',
      signing: { relay: { relayUrl: 'https://relay.outpost.test', relaySecret }, emailId: 1, recipientId: 7, openToken: 'token-of-7' },
    });
    // Many in a row: each fails where it is taken, without growing the stack.
    const bad = Array.from({ length: 20_000 }, () =>
      pool.send({ envelope: { from: 'studio@outpost.test', to: ['ana@outpost.test'] }, message: recipe('not a secret') }).catch((e: unknown) => e));
    const good = pool.send({ envelope: { from: 'studio@outpost.test', to: ['ana@outpost.test'] }, message: recipe(generateSecret()) });
    expect(await Promise.all(bad)).toEqual(Array(20_000).fill(expect.objectContaining({ code: 'EMESSAGE', message: 'the relay secret in Preferences cannot be read' })));
    expect((await good).response).toMatch(/^250/);
    pool.close();
    const got = sink.received.slice(before);
    expect(got).toHaveLength(1);
    const parsed = await simpleParser(got[0]!.raw);
    expect(parsed.headers.get('x-outpost-copy')).toBe('copyA');
    expect(parsed.html).toContain('https://relay.outpost.test/o/token-of-7');
    expect(parsed.html).toMatch(/href="https:\/\/relay\.outpost\.test\/c\//);
  });

  it("finds the connection's socket to cork around a message (a nodemailer that renames it fails here, not silently slower)", async () => {
    const connection = new SMTPConnection({ host: '127.0.0.1', port: sink.port, ignoreTLS: true });
    await new Promise<void>((resolve, reject) => {
      connection.once('error', reject);
      connection.connect(() => resolve());
    });
    expect(socketOf(connection)).toBeInstanceOf(net.Socket);
    connection.close();
  });

  it('writes an international domain in the envelope as punycode', async () => {
    const commands: string[] = [];
    const server = await startScriptedSmtp((command) => (commands.push(command), null));
    const pool = createSmtpPool(loopbackAccount(server.port));
    await pool.send(rawCopy('ana@bücher.example'));
    pool.close();
    await server.close();
    expect(commands).toContain('RCPT TO:<ana@xn--bcher-kva.example>');
  });
});
