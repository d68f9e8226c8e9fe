import type { z } from 'zod';
import type { Db } from '../db/open-database';
import { outboxView } from '../api/schemas';
import { prepareAll } from './prepare';

export type OutboxView = z.output<typeof outboxView>;

const SQL = {
  get: `SELECT value FROM settings WHERE key = 'outbox.view'`,
  put: `INSERT INTO settings (key, value) VALUES ('outbox.view', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
} as const;

/**
 * The Outbox's period, sort and filters, kept in the database rather than the page's storage:
 * browser mode gets a new loopback port (so a new origin, with empty storage) at every launch,
 * and the desktop app and browser mode open the same data folder and should show the same.
 */
export function outboxViewStore(db: Db) {
  const q = prepareAll(db, SQL);
  return {
    /** What was saved, or the defaults; a value a newer or older Outpost wrote is read leniently. */
    get(): OutboxView {
      const raw = q.get.pluck().get() as string | undefined;
      const parsed = outboxView.safeParse(raw === undefined ? {} : JSON.parse(raw));
      return parsed.success ? parsed.data : outboxView.parse({});
    },
    save(view: OutboxView): OutboxView {
      q.put.run(JSON.stringify(view));
      return view;
    },
  };
}
