import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../test/temp-core';
import { createThreadPool } from './smtp-thread';
import { readJournal, resetJournal } from './transmit-journal';
import { loopbackAccount, rawCopy, startRefusingSink } from './test-servers/pool-fixtures';
import { startSmtpSink, type SmtpSink } from './test-servers/smtp-sink';

let sink: SmtpSink;

beforeAll(async () => {
  sink = await startRefusingSink();
});
afterAll(() => sink.close());

describe('the SMTP pool in its own thread', () => {
  it('sends each copy with its own envelope and gives back the reply; the transmitted hook fires', async () => {
    const pool = createThreadPool(loopbackAccount(sink.port));
    const seen: string[] = [];
    const replies = await Promise.all(['a@outpost.test', 'b@outpost.test'].map((to) => pool.send(rawCopy(to, () => seen.push(to)))));
    pool.close();
    expect(replies.map((r) => r.response)).toEqual([expect.stringMatching(/^250 /), expect.stringMatching(/^250 /)]);
    expect(seen.sort()).toEqual(['a@outpost.test', 'b@outpost.test']);
    expect(sink.received.slice(-2).map((m) => m.to[0]!.address).sort()).toEqual(['a@outpost.test', 'b@outpost.test']);
  });

  it('logs in with XOAUTH2 with tokens asked of this thread; a refused token is renewed once and the copy goes', async () => {
    const server = await startSmtpSink({ login: { user: 'studio@outpost.test', pass: 'unused', accessToken: 'fresh-token' } });
    const asked: boolean[] = [];
    const tokens = { get: async (renew = false) => (asked.push(renew), renew ? 'fresh-token' : 'stale-token') };
    const pool = createThreadPool(loopbackAccount(server.port, { username: 'studio@outpost.test', auth: 'oauth2', tokens }));
    const reply = await pool.send(rawCopy('a@outpost.test'));
    pool.close();
    await server.close();
    expect(reply.response).toMatch(/^250 /);
    expect(asked).toEqual([false, true]);
    expect(server.received).toHaveLength(1);
  });

  it("keeps a refusal's fields across the thread boundary, and nothing was transmitted", async () => {
    const pool = createThreadPool(loopbackAccount(sink.port));
    let transmitted = false;
    const err = await pool.send(rawCopy('gone@outpost.test', () => (transmitted = true))).catch((e: unknown) => e);
    pool.close();
    expect(err).toMatchObject({ responseCode: 550, command: 'RCPT TO', response: expect.stringContaining('no such user') });
    expect(err).toBeInstanceOf(Error);
    expect(transmitted).toBe(false);
  });

  it('stops at once when closed with copies still in it; they settle as connection failures that may have gone out', async () => {
    // A server that takes the connection and never greets: the copy stays in the thread.
    let connected: () => void = () => {};
    const reached = new Promise<void>((r) => (connected = r));
    const silent = net.createServer(() => connected()).listen(0, '127.0.0.1');
    await new Promise((r) => silent.once('listening', r));
    const pool = createThreadPool(loopbackAccount((silent.address() as net.AddressInfo).port));
    let transmitted = false;
    const pending = pool.send(rawCopy('a@outpost.test', () => (transmitted = true))).catch((e: unknown) => e);
    await reached;
    pool.close();
    const err = await pending;
    silent.close();
    expect(err).toMatchObject({ code: 'ECONNECTION', message: expect.stringMatching(/^The sending thread stopped \(exit code \d+\)\.$/) });
    expect(transmitted).toBe(true);
  });

  it('writes the transmit journal where the copies leave: began before the message, then the answer', async () => {
    const journal = path.join(tempDir(), 'send-journal');
    resetJournal(journal);
    const pool = createThreadPool(loopbackAccount(sink.port), { journal });
    const keyed = (to: string) => ({ ...rawCopy(to), key: `key-${to}` });
    await pool.send(keyed('j@outpost.test'));
    await pool.send(keyed('gone@outpost.test')).catch(() => {});
    pool.close();
    // A copy refused at RCPT never began: no line, as for one never taken.
    expect(readJournal(journal, new Set(['key-j@outpost.test', 'key-gone@outpost.test']))).toEqual(new Map([
      ['key-j@outpost.test', { kind: 'accepted', response: expect.stringMatching(/^250 /) }],
    ]));
    expect(fs.readFileSync(journal, 'utf8').split('\n').slice(1, 3).map((l) => l.slice(0, 1))).toEqual(['B', 'A']);
  });

  it('with a journal, a copy the stopped thread held but never began settles as certainly not sent', async () => {
    const journal = path.join(tempDir(), 'send-journal');
    resetJournal(journal);
    let connected: () => void = () => {};
    const reached = new Promise<void>((r) => (connected = r));
    const silent = net.createServer(() => connected()).listen(0, '127.0.0.1');
    await new Promise((r) => silent.once('listening', r));
    const pool = createThreadPool(loopbackAccount((silent.address() as net.AddressInfo).port), { journal });
    let transmitted = false;
    const pending = pool.send({ ...rawCopy('a@outpost.test', () => (transmitted = true)), key: 'key-a' }).catch((e: unknown) => e);
    await reached;
    pool.close();
    const err = await pending;
    silent.close();
    expect(err).toMatchObject({ code: 'ECONNECTION', message: expect.stringMatching(/^The sending thread stopped/) });
    // Without the journal the same copy counts as maybe sent (the test above); with it, it goes back to the queue.
    expect(transmitted).toBe(false);
  });

  it('sends from the main thread when the worker cannot start, losing no copy', async () => {
    const pool = createThreadPool(loopbackAccount(sink.port), { workerEntry: new URL('./no-such-worker.cjs', import.meta.url) });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const replies = await Promise.all(['c@outpost.test', 'd@outpost.test'].map((to) => pool.send(rawCopy(to))));
    const later = await pool.send(rawCopy('e@outpost.test'));
    pool.close();
    expect([...replies, later].map((r) => r.response)).toEqual(Array(3).fill(expect.stringMatching(/^250 /)));
    expect(warn).toHaveBeenCalledOnce();
    expect(warn.mock.calls[0]![0]).toMatch(/the SMTP thread could not start .*sending from the main thread/);
    warn.mockRestore();
  });
});
