import type { AppInfo } from '../api/contract';
import type { Handlers } from '../api/invoke';
import { openDatabase, type Db, type OpenOptions } from '../db/open-database';
import { schemaVersion } from '../db/migrate';
import type { SecretBox } from '../secrets/secret-box';
import { contactsStore } from '../store/contacts';
import { shootsStore } from '../store/shoots';
import { preferencesStore } from '../store/preferences';
import { outboxPage } from '../store/outbox';
import { dashboardStore } from '../store/dashboard';
import { APP_VERSION } from './version';

export interface CoreOptions extends OpenOptions {
  dataDir: string;
  mode: AppInfo['mode'];
  secretBox: (dataDir: string) => SecretBox;
}

export interface Core {
  db: Db;
  handlers: Handlers;
  close(): void;
}

/** The app without any window: database, stores and the contract's handlers. Plain Node. */
export function createCore(options: CoreOptions): Core {
  const db = openDatabase(options.dataDir, options);
  const contacts = contactsStore(db);
  const shoots = shootsStore(db);
  const preferences = preferencesStore(db, options.secretBox(options.dataDir));
  const dashboard = dashboardStore(db);

  const handlers: Handlers = {
    'app.info': () => ({ mode: options.mode, version: APP_VERSION, dataDir: options.dataDir, schemaVersion: schemaVersion(db) }),
    'dashboard.summary': () => dashboard.summary(),
    'notices.markSeen': ({ ids }) => dashboard.markSeen(ids),

    'contacts.list': ({ search }) => contacts.list(search),
    'contacts.get': ({ id }) => contacts.get(id),
    'contacts.create': (input) => contacts.create(input),
    'contacts.update': ({ id, ...input }) => contacts.update(id, input),
    'contacts.delete': ({ id }) => ({ deleted: contacts.delete(id) }),

    'shoots.list': ({ search }) => shoots.list(search),
    'shoots.get': ({ id }) => shoots.get(id),
    'shoots.create': (input) => shoots.create(input),
    'shoots.update': ({ id, ...input }) => shoots.update(id, input),
    'shoots.delete': ({ id }) => ({ deleted: shoots.delete(id) }),

    'preferences.get': () => preferences.get(),
    'preferences.save': (input) => preferences.save(input),

    'outbox.page': (query) => outboxPage(db, query),
  };

  return { db, handlers, close: () => db.close() };
}
