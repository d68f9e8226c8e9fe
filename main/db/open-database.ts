import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { assertKnownSchema, migrate } from './migrate';

export type Db = Database.Database;

export interface OpenOptions {
  /** A better_sqlite3.node built for the running runtime (Electron's ABI differs from Node's). */
  nativeBinding?: string;
  readonly?: boolean;
}

export const DATABASE_FILE = 'outpost.sqlite';

/** Opens (creating if needed) the app database in `dataDir` and applies migrations. */
export function openDatabase(dataDir: string, options: OpenOptions = {}): Db {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, DATABASE_FILE), {
    nativeBinding: options.nativeBinding,
    readonly: options.readonly ?? false,
  });
  try {
    // Refuse a newer schema before anything writes: even switching to WAL rewrites the header.
    assertKnownSchema(db);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL'); // a commit survives power loss too: nothing accepted is lost
    // A statement that changes many rows after others in the same transaction (the sender's claim
    // after its answers) keeps a journal of its own; past 64 KB SQLite spills it to a temp file,
    // created and deleted each time. Temp structures stay small here: keep them in memory.
    db.pragma('temp_store = MEMORY');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    if (!options.readonly) migrate(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
