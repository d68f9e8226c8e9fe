import type { ImapFlow } from 'imapflow';
import { describe, expect, it } from 'vitest';
import { dsn, message } from '../bounce/test-messages';
import { tempCore } from '../test/temp-core';
import { reportApplier } from './apply-reports';
import { checkpoints } from './checkpoints';
import { PROCESSED_KEYWORD, runPass, uidSet } from './folder-pass';
import type { WatchSettings } from './settings';

const settings = (over: Partial<WatchSettings> = {}): WatchSettings => ({
  host: 'imap.example.com', port: 993, security: 'tls', username: 'me', password: 'pw', sentFolder: 'Sent',
  watchFolders: ['INBOX'], pollMinutes: 2, processedFolder: '', markReportsRead: false, ...over,
});

/** A folder as imapflow shows it: messages by UID, flags and moves recorded. */
function fakeFolder(messages: string[], permanentFlags: string[]) {
  const uids = messages.map((_, i) => i + 1);
  const calls: string[] = [];
  const client = {
    mailbox: { path: 'INBOX', uidValidity: 42n, uidNext: messages.length + 1, permanentFlags: new Set(permanentFlags) },
    async getMailboxLock() {
      return { release() {} };
    },
    async noop() {},
    async search() {
      return uids;
    },
    async fetchAll(range: string) {
      const from = Number(range.split(':')[0]);
      const found = uids.filter((u) => u >= from);
      // "N:*" names the newest message even when N is past it.
      return (found.length ? found : uids.slice(-1)).map((uid) => ({ uid, size: messages[uid - 1]!.length, internalDate: new Date(1_700_000_000_000) }));
    },
    async *fetch(range: string) {
      for (const part of range.split(',')) {
        const [a, b] = part.split(':').map(Number) as [number, number?];
        for (let uid = a; uid <= (b ?? a); uid++) yield { uid, source: Buffer.from(messages[uid - 1]!) };
      }
    },
    async messageFlagsAdd(range: string, flags: string[]) {
      calls.push(`flags ${range} ${flags.join(' ')}`);
      return true;
    },
    async messageMove(range: string, to: string) {
      calls.push(`move ${range} ${to}`);
      return { path: 'INBOX', destination: to };
    },
  };
  return { client: client as unknown as ImapFlow, calls };
}

function mailbox() {
  const { db } = tempCore();
  db.prepare(`INSERT INTO emails (message_id, from_address, subject, tracking, created_at, sent_at) VALUES ('<m@x>', 'me@x', 's', 'off', 1, 1_600_000_000_000)`).run();
  const ordinary = message({ From: 'ann@example.org', To: 'me@x', Subject: 'Re: hello' }, 'Thanks!\n');
  const bounce = (n: number) => dsn({ recipient: `gone${n}@example.org`, action: 'failed', status: '5.1.1' });
  return { db, messages: [bounce(1), ordinary, bounce(2), bounce(3)] };
}

describe('a pass over one folder', () => {
  it('marks only the reports with the keyword where the server allows keywords, and never \\Seen unless asked', async () => {
    const { db, messages } = mailbox();
    const { client, calls } = fakeFolder(messages, ['\\Seen', '\\*']);
    const deps = { apply: reportApplier(db), marks: checkpoints(db), settings: settings(), now: () => 1_700_000_100_000 };
    const r = await runPass(client, { account: 'a', mailbox: 'INBOX' }, deps);
    expect(r).toMatchObject({ read: 4, stored: 3, markError: null });
    expect(calls).toEqual([`flags 1,3:4 ${PROCESSED_KEYWORD}`]);
    expect(checkpoints(db).get({ account: 'a', mailbox: 'INBOX' })).toMatchObject({ uidvalidity: 42, lastUid: 4 });
    // Nothing new: a second pass reads nothing, though "5:*" answers with message 4.
    expect(await runPass(client, { account: 'a', mailbox: 'INBOX' }, deps)).toMatchObject({ read: 0, stored: 0 });
  });

  it('moves the reports to the folder the user named where keywords are refused (Exchange Online), read if asked', async () => {
    const { db, messages } = mailbox();
    const { client, calls } = fakeFolder(messages, ['\\Seen', '\\Deleted']);
    const deps = { apply: reportApplier(db), marks: checkpoints(db), settings: settings({ processedFolder: 'Outpost', markReportsRead: true }), now: () => 1 };
    await runPass(client, { account: 'a', mailbox: 'INBOX' }, deps);
    expect(calls).toEqual(['flags 1,3:4 \\Seen', 'move 1,3:4 Outpost']);
  });

  it('leaves reports in place where keywords are refused and no folder is named', async () => {
    const { db, messages } = mailbox();
    const { client, calls } = fakeFolder(messages, ['\\Seen']);
    await runPass(client, { account: 'a', mailbox: 'INBOX' }, { apply: reportApplier(db), marks: checkpoints(db), settings: settings(), now: () => 1 });
    expect(calls).toEqual([]);
    expect(db.prepare(`SELECT count(*) AS n FROM mail_reports`).get()).toEqual({ n: 3 });
  });

  it('writes UID sets compactly', () => {
    expect(uidSet([1, 2, 3, 5, 7, 8])).toBe('1:3,5,7:8');
    expect(uidSet([])).toBe('');
  });
});
