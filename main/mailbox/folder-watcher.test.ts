import { EventEmitter } from 'node:events';
import type { ImapFlow } from 'imapflow';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { folderWatcher } from './folder-watcher';
import type { WatchSettings } from './settings';

const settings: WatchSettings = {
  host: 'imap.example.com', port: 993, security: 'tls', username: 'me', password: 'pw', sentFolder: 'Sent',
  watchFolders: ['INBOX'], pollMinutes: 2, processedFolder: '', markReportsRead: false,
};

/** A stand-in for imapflow's client: connects or fails as told, announces new mail on cue. */
class FakeClient extends EventEmitter {
  capabilities = new Map<string, boolean>();
  constructor(private readonly outcome: 'ok' | 'refused' | 'auth', idle: boolean) {
    super();
    if (idle) this.capabilities.set('IDLE', true);
  }
  async connect() {
    if (this.outcome === 'ok') return;
    const err = Object.assign(new Error(this.outcome === 'auth' ? 'Invalid credentials' : 'connect ECONNREFUSED'), this.outcome === 'auth' ? { authenticationFailed: true } : { code: 'ECONNREFUSED' });
    queueMicrotask(() => this.emit('close'));
    throw err;
  }
  missing = false;
  async mailboxOpen(folder: string) {
    if (this.missing) throw Object.assign(new Error('Command failed'), { responseText: `Mailbox doesn't exist: ${folder}` });
  }
  close() {
    this.emit('close');
  }
}

function watch(outcome: 'ok' | 'refused' | 'auth', idle = true, missingFolder = false) {
  const clients: FakeClient[] = [];
  const passes: number[] = [];
  const loginFailures: string[] = [];
  const w = folderWatcher({
    folder: 'INBOX', settings, now: Date.now, random: () => 0, log: () => {}, onChange: () => {},
    onLoginFailed: (e) => loginFailures.push(e),
    connect: () => {
      const c = new FakeClient(outcome, idle);
      c.missing = missingFolder;
      clients.push(c);
      return c as unknown as ImapFlow;
    },
    pass: async () => {
      passes.push(Date.now());
      return { read: 0, stored: 0, changed: 0, markError: null };
    },
  });
  return { w, clients, passes, loginFailures };
}

describe('a folder watcher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('idles where the server has IDLE, and runs a pass on each new message and on Check now', async () => {
    const { w, clients, passes } = watch('ok');
    w.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(w.state().kind).toBe('idle');
    expect(passes).toHaveLength(1);
    clients[0]!.emit('exists', { count: 2 });
    await vi.advanceTimersByTimeAsync(10);
    expect(passes).toHaveLength(2);
    await w.checkNow();
    expect(passes).toHaveLength(3);
    await w.stop();
    expect(w.state().kind).toBe('off');
  });

  it('polls at the interval from Preferences where the server has no IDLE', async () => {
    const { w, passes } = watch('ok', false);
    w.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(w.state().kind).toBe('polling');
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    expect(passes).toHaveLength(2);
    await w.stop();
  });

  it('reconnects after a drop with backoff, never in a tight loop, and comes back to idle', async () => {
    const { w, clients } = watch('refused');
    w.start();
    await vi.advanceTimersByTimeAsync(60_000);
    // random 0: waits of 0.5, 1, 2, 4, 8, 15, 15, 15 s… — about eight tries a minute, not thousands.
    expect(clients.length).toBeGreaterThanOrEqual(6);
    expect(clients.length).toBeLessThanOrEqual(10);
    expect(w.state().kind).toBe('reconnecting');
    expect(w.message()).toMatch(/^Cannot connect to imap\.example\.com:993: connect ECONNREFUSED\. Reconnecting in \d+ s\.$/);
    await w.stop();
  });

  it('a refused login is said, raised once per attempt, and retried only after minutes', async () => {
    const { w, clients, loginFailures } = watch('auth');
    w.start();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(w.state().kind).toBe('login_failed');
    expect(clients.length).toBeLessThanOrEqual(5);
    expect(loginFailures[0]).toBe('Invalid credentials');
    await w.stop();
  });

  it('a folder that does not exist is said in words the user can act on', async () => {
    const { w } = watch('ok', true, true);
    w.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(w.message()).toMatch(/^The folder "INBOX" cannot be opened \(check "Folders to watch"\): Mailbox doesn't exist: INBOX\. Reconnecting in \d+ s\.$/);
    await w.stop();
  });

  it('a dropped connection reconnects and resumes watching', async () => {
    const { w, clients, passes } = watch('ok');
    w.start();
    await vi.advanceTimersByTimeAsync(10);
    clients[0]!.close();
    await vi.advanceTimersByTimeAsync(10);
    expect(w.state().kind).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(1000);
    expect(w.state().kind).toBe('idle');
    expect(clients).toHaveLength(2);
    expect(passes).toHaveLength(2);
    await w.stop();
  });
});
