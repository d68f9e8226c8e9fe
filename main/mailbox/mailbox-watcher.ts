// The mailbox watcher of the user's IMAP account: one folder watcher (one connection) per watched
// folder, started with the app and again when Preferences change; its state for the UI; "Check now".
import type { ImapFlow } from 'imapflow';
import type { Db } from '../db/open-database';
import type { MailboxStatus, WatcherState } from '../api/contract';
import { imapClient } from '../send/sent-folder';
import { noticeBoard } from '../store/notices';
import { prepareAll } from '../store/prepare';
import { reportApplier } from './apply-reports';
import { checkpoints } from './checkpoints';
import { runPass } from './folder-pass';
import { folderWatcher, IDLE_RESTART_MS, type FolderWatcher } from './folder-watcher';
import { accountOf } from '../send/settings';
import type { WatchSettings } from './settings';

export interface MailboxWatcherOptions {
  db: Db;
  settings: () => WatchSettings;
  now?: () => number;
  random?: () => number;
  log?: (message: string) => void;
  /** Something the UI shows changed (state, or reports applied). */
  onChange?: () => void;
  connect?: (settings: WatchSettings) => ImapFlow;
}

export interface MailboxWatcher {
  start(): void;
  stop(): Promise<void>;
  /** Preferences changed: reconnect if the account or its folders did. */
  restart(): Promise<void>;
  checkNow(): Promise<MailboxStatus>;
  status(): MailboxStatus;
}

export const WATCHER_SQL = {
  // Index counts only: the table holds every report's raw bytes, and the UI asks every 2 s.
  counts: `SELECT (SELECT count(*) FROM mail_reports) AS reportsStored, (SELECT count(*) FROM mail_reports WHERE matched_by IS NULL) AS unmatched`,
} as const;

// Worst first: the account shows the state of its most troubled folder.
const SEVERITY: readonly WatcherState[] = ['login_failed', 'reconnecting', 'connecting', 'checking', 'polling', 'idle', 'off'];

/** The watcher's own connection: IDLE restarted before servers cut it, IDLE started soon after a pass. */
export function watcherClient(s: WatchSettings): ImapFlow {
  return imapClient(s, { maxIdleTime: IDLE_RESTART_MS, autoIdleDelay: 150, socketTimeout: 5 * 60_000 });
}

export function mailboxWatcher(o: MailboxWatcherOptions): MailboxWatcher {
  const now = o.now ?? Date.now;
  const log = o.log ?? (() => {});
  const q = prepareAll(o.db, WATCHER_SQL);
  const marks = checkpoints(o.db);
  const apply = reportApplier(o.db);
  const notice = noticeBoard(o.db);
  let folders: FolderWatcher[] = [];
  let current: WatchSettings | null = null;
  let offWhy = 'Not started.';

  const sameWatch = (a: WatchSettings | null, b: WatchSettings) => a !== null && JSON.stringify(a) === JSON.stringify(b);

  function start(): void {
    const s = o.settings();
    current = s;
    if (!s.host || !s.username) {
      offWhy = 'Off: no IMAP account is set in Preferences, so bounces and delivery reports are not read.';
      return;
    }
    if (s.watchFolders.length === 0) {
      offWhy = 'Off: no folder to watch is set in Preferences.';
      return;
    }
    const account = accountOf(s);
    folders = s.watchFolders.map((folder) => folderWatcher({
      folder, settings: s, connect: o.connect ?? watcherClient, now, random: o.random ?? Math.random, log,
      onChange: () => o.onChange?.(),
      onLoginFailed: (error) => notice('imap_login', `The IMAP login failed (${error}): bounces and delivery reports are not being read. Check Preferences.`, now()),
      pass: (client, mailbox) => runPass(client, { account, mailbox }, { apply, marks, settings: s, now }).then((r) => {
        if (r.stored || r.changed) o.onChange?.();
        return r;
      }),
    }));
    for (const f of folders) f.start();
  }

  async function stop(): Promise<void> {
    const stopping = folders;
    folders = [];
    await Promise.all(stopping.map((f) => f.stop()));
  }

  function status(): MailboxStatus {
    const counts = q.counts.get() as { reportsStored: number; unmatched: number };
    const s = current;
    const account = s?.host ? accountOf(s) : null;
    const stored = account ? marks.ofAccount(account) : [];
    const lastCheckedAt = stored.reduce<number | null>((m, f) => (f.lastCheckedAt !== null && (m === null || f.lastCheckedAt > m) ? f.lastCheckedAt : m), null);
    const base = { account, lastCheckedAt, folders: stored.map(({ folder, lastUid, lastCheckedAt: at }) => ({ folder, lastUid, lastCheckedAt: at })), ...counts };
    if (folders.length === 0) return { ...base, state: 'off', message: offWhy, retryAt: null, lastError: null };
    const worst = [...folders].sort((a, b) => SEVERITY.indexOf(a.state().kind) - SEVERITY.indexOf(b.state().kind))[0]!;
    const st = worst.state();
    const named = folders.length > 1 ? `${worst.folder}: ` : '';
    return {
      ...base, state: st.kind, message: `${named}${worst.message()}`,
      retryAt: st.kind === 'reconnecting' || st.kind === 'login_failed' ? st.retryAt : null,
      lastError: folders.map((f) => f.lastError()).find((e) => e !== null) ?? null,
    };
  }

  return {
    start,
    stop,
    async restart() {
      const next = o.settings();
      if (sameWatch(current, next) && folders.length) return;
      await stop();
      start();
    },
    async checkNow() {
      await Promise.all(folders.map((f) => f.checkNow()));
      return status();
    },
    status,
  };
}
