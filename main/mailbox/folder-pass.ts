// One pass over one watched folder on an open connection: read what arrived since the checkpoint,
// store and apply it batch by batch (each batch one transaction with the checkpoint), then mark the
// reports processed on the server. Ordinary mail is read with BODY.PEEK and never touched.
import type { ImapFlow, MailboxObject } from 'imapflow';
import { analyzeMessage, MAX_REPORT_BYTES, type AnalyzedMessage } from './analyze-message';
import type { ReportApplier } from './apply-reports';
import type { Checkpoints, FolderRef } from './checkpoints';
import type { WatchSettings } from './settings';

export const PROCESSED_KEYWORD = '$OutpostProcessed';
/** A first pass reads back at most this many messages, from the day before the oldest email sent. */
export const FIRST_PASS_MAX = 5000;
// A batch: one FETCH of bodies and one transaction. Bounded in count and in bytes held at once.
const BATCH_MESSAGES = 250;
const BATCH_BYTES = 16 * 1024 * 1024;
const HUGE_PREFIX = 64 * 1024;

export interface PassDeps {
  apply: ReportApplier;
  marks: Checkpoints;
  settings: WatchSettings;
  now: () => number;
}

export interface PassResult {
  read: number;
  stored: number;
  changed: number;
  /** Marking reports processed failed (the reports are applied and stored all the same). */
  markError: string | null;
}

/** "3:5,9" from sorted UIDs: one short command however many messages. */
export function uidSet(uids: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < uids.length; ) {
    let j = i;
    while (j + 1 < uids.length && uids[j + 1] === uids[j]! + 1) j++;
    parts.push(i === j ? `${uids[i]}` : `${uids[i]}:${uids[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** Servers that allow custom keywords say so with \* in PERMANENTFLAGS (Exchange Online does not). */
export const allowsKeywords = (mb: MailboxObject) => mb.permanentFlags?.has('\\*') ?? false;

/** Where to start in a folder never read (or whose UIDVALIDITY changed): back to the oldest email sent. */
async function firstUid(client: ImapFlow, mb: MailboxObject, oldestSent: number | null): Promise<number> {
  if (oldestSent === null) return mb.uidNext;
  const since = new Date(oldestSent - 86_400_000);
  const found = (await client.search({ since }, { uid: true })) || [];
  if (found.length === 0) return mb.uidNext;
  const sorted = [...found].sort((a, b) => a - b);
  return sorted[Math.max(0, sorted.length - FIRST_PASS_MAX)]!;
}

function batches<T extends { size: number }>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = Math.min(item.size, MAX_REPORT_BYTES);
    if (current.length && (current.length >= BATCH_MESSAGES || bytes + size > BATCH_BYTES)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length) out.push(current);
  return out;
}

async function sources(client: ImapFlow, uids: number[], huge: boolean): Promise<Map<number, Buffer>> {
  const found = new Map<number, Buffer>();
  if (uids.length === 0) return found;
  const source = huge ? { maxLength: HUGE_PREFIX } : true;
  for await (const msg of client.fetch(uidSet(uids), { uid: true, source }, { uid: true })) {
    if (msg.source) found.set(msg.uid, msg.source);
  }
  return found;
}

async function markProcessed(client: ImapFlow, mb: MailboxObject, uids: number[], s: WatchSettings): Promise<void> {
  if (uids.length === 0) return;
  const set = uidSet(uids);
  const read = s.markReportsRead ? ['\\Seen'] : [];
  if (allowsKeywords(mb)) {
    await client.messageFlagsAdd(set, [PROCESSED_KEYWORD, ...read], { uid: true });
  } else if (s.processedFolder && s.processedFolder !== mb.path) {
    if (read.length) await client.messageFlagsAdd(set, read, { uid: true });
    const moved = await client.messageMove(set, s.processedFolder, { uid: true });
    if (!moved) throw new Error(`the server did not move the reports to "${s.processedFolder}"`);
  } else if (read.length) {
    await client.messageFlagsAdd(set, read, { uid: true });
  }
}

export async function runPass(client: ImapFlow, f: FolderRef, deps: PassDeps): Promise<PassResult> {
  const result: PassResult = { read: 0, stored: 0, changed: 0, markError: null };
  const lock = await client.getMailboxLock(f.mailbox);
  try {
    // A server answers a FETCH from the session's view of the folder, which only a command brings up
    // to date: without IDLE the newest messages would be missed until the pass after.
    await client.noop();
    const mb = client.mailbox;
    if (!mb) throw new Error(`the folder "${f.mailbox}" could not be opened`);
    const uidvalidity = Number(mb.uidValidity);
    let cp = deps.marks.get(f);
    if (!cp || cp.uidvalidity !== uidvalidity) {
      // New folder, or the server renumbered it: read again from the start; reports already
      // stored are known by their hash and applied once only.
      const start = await firstUid(client, mb, deps.marks.oldestSent());
      deps.marks.put(f, uidvalidity, start - 1);
      cp = { uidvalidity, lastUid: start - 1, lastCheckedAt: null };
    }
    const last = cp.lastUid;
    // "N:*" always names the newest message, even when it is older than N: filter on the UID.
    const listed = await client.fetchAll(`${last + 1}:*`, { uid: true, size: true, internalDate: true }, { uid: true });
    const fresh = listed.filter((m) => m.uid > last).sort((a, b) => a.uid - b.uid)
      .map((m) => ({ uid: m.uid, size: m.size ?? 0, receivedAt: m.internalDate ? new Date(m.internalDate).getTime() : deps.now() }));
    const reportUids: number[] = [];
    for (const batch of batches(fresh)) {
      const small = await sources(client, batch.filter((m) => m.size <= MAX_REPORT_BYTES).map((m) => m.uid), false);
      const huge = await sources(client, batch.filter((m) => m.size > MAX_REPORT_BYTES).map((m) => m.uid), true);
      const analyzed: AnalyzedMessage[] = [];
      for (const m of batch) {
        const raw = small.get(m.uid) ?? huge.get(m.uid);
        if (raw) analyzed.push(analyzeMessage({ ...m, raw })); // gone meanwhile (expunged): nothing to read
      }
      const done = deps.apply(f, uidvalidity, analyzed, batch.at(-1)!.uid, deps.now());
      result.read += batch.length;
      result.stored += done.stored;
      result.changed += done.changed;
      reportUids.push(...done.reportUids);
    }
    try {
      await markProcessed(client, mb, reportUids, deps.settings);
    } catch (err) {
      result.markError = `reports were applied, but marking them processed on the server failed: ${err instanceof Error ? err.message : String(err)}`;
    }
    deps.marks.checked(f, deps.now());
    return result;
  } finally {
    lock.release();
  }
}
