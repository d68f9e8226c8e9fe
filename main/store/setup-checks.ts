// The first-run checklist: SMTP, IMAP and the relay, each set up and last tested for what is
// stored now. A test result counts only for the account it tested (a changed host needs a new test).
import type { Db } from '../db/open-database';
import type { ConnectionTest, SetupCheck, SetupChecklist, SetupKind } from '../api/contract';
import { prepareAll } from './prepare';
import { accountOf } from '../send/settings';

const SQL = {
  get: `SELECT value FROM settings WHERE key = ?`,
  put: `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
} as const;

export const SETUP_KINDS: readonly SetupKind[] = ['smtp', 'imap', 'relay'];
const LABEL: Record<SetupKind, string> = { smtp: 'Sending (SMTP)', imap: 'Mailbox (IMAP)', relay: 'Tracking relay' };

/** What is stored now: `target` names the account a test must have reached ('' when not set up). */
export type SetupTargets = Record<SetupKind, string>;

/** What each kind's test is about, from the stored settings; '' when that part is not set up. */
export function setupTargets(s: {
  smtp: { host: string; port: number; username: string; fromAddress: string };
  imap: { host: string; port: number; username: string };
  tracking: { relayUrl: string; hasRelaySecret: boolean };
}): SetupTargets {
  return {
    smtp: s.smtp.host && s.smtp.fromAddress ? accountOf(s.smtp) : '',
    imap: s.imap.host ? accountOf(s.imap) : '',
    relay: s.tracking.relayUrl && s.tracking.hasRelaySecret ? s.tracking.relayUrl : '',
  };
}

interface StoredTest extends ConnectionTest { target: string; at: number }

/** Pure: each part's state from what is stored and the tests last run. */
export function checklistOf(targets: SetupTargets, tests: Partial<Record<SetupKind, StoredTest>>): SetupChecklist {
  const items: SetupCheck[] = SETUP_KINDS.map((kind) => {
    const t = tests[kind];
    const lastTest = targets[kind] && t && t.target === targets[kind] ? { ok: t.ok, message: t.message, at: t.at } : null;
    return { kind, label: LABEL[kind], configured: targets[kind] !== '', lastTest, done: Boolean(lastTest?.ok) };
  });
  return { items, done: items.every((i) => i.done) };
}

export function setupChecks(db: Db) {
  const q = prepareAll(db, SQL);
  const key = (kind: SetupKind) => `setup_check.${kind}`;
  const stored = (kind: SetupKind): StoredTest | undefined => {
    const row = q.get.get(key(kind)) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as StoredTest) : undefined;
  };
  return {
    /** Keeps a test's result for the account it reached; returns the result unchanged. */
    record(kind: SetupKind, target: string, result: ConnectionTest, now = Date.now()): ConnectionTest {
      q.put.run(key(kind), JSON.stringify({ ok: result.ok, message: result.message, target, at: now }));
      return result;
    },
    checklist: (targets: SetupTargets) => checklistOf(targets, Object.fromEntries(SETUP_KINDS.map((k) => [k, stored(k)]))),
  };
}
