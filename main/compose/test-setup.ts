// Tests only: a fresh database with contacts added by hand, and compose and dispatches over it.
import { tempCore } from '../test/temp-core';
import { emailAggregates } from '../store/email-aggregates';
import { composer, type ComposeSettings } from './compose';
import { dispatches } from './dispatch';
import type { QueueDeps } from './merge-queue';

const settings = (over: Partial<ComposeSettings>): ComposeSettings => ({
  smtp: { host: 'smtp.example.com', fromAddress: 'me@studio.example' },
  imap: { host: '' },
  tracking: { relayUrl: 'https://relay.example.com', relaySecret: 's', consentPolicy: 'track-unless-denied' },
  bccMyself: false,
  ...over,
});
const links = (html: string) => [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!);

/** `over` is read at every call: a test may change the settings later through it. */
export function setup(over: Partial<ComposeSettings> = {}, queue: Pick<QueueDeps, 'schedule' | 'onQueued'> = {}) {
  const { db } = tempCore();
  const add = (name: string, email: string | null, purposes = ['client mail'], consent = 'unknown') => {
    const id = Number(db.prepare("INSERT INTO contacts (name, created_at, updated_at) VALUES (?, 1, 1)").run(name).lastInsertRowid);
    if (email) db.prepare('INSERT INTO addresses (contact_id, email, email_norm, purposes, consent) VALUES (?, ?, lower(?), ?, ?)').run(id, email, email, JSON.stringify(purposes), consent);
    return id;
  };
  const deps = { db, settings: () => settings(over), extractLinks: links, now: () => 1_000 };
  /** Another dispatches() on the same database, as the app makes at its next start. */
  const merges = (again: Pick<QueueDeps, 'schedule' | 'onQueued'> = {}) => dispatches({ ...deps, refresh: emailAggregates(db), ...again });
  return { db, add, send: composer(deps), merge: merges(queue), merges };
}
