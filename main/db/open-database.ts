import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { assertKnownSchema, migrate } from './migrate';
import { ensurePrivateDir, makePrivate, PRIVATE_FILE_MODE } from '../app/data-dir';

export type Db = Database.Database;

export interface OpenOptions {
  /** A better_sqlite3.node built for the running runtime (Electron's ABI differs from Node's). */
  nativeBinding?: string;
  readonly?: boolean;
}

export const DATABASE_FILE = 'outpost.sqlite';

/** Opens (creating if needed) the app database in `dataDir` and applies migrations. */
export function openDatabase(dataDir: string, options: OpenOptions = {}): Db {
  ensurePrivateDir(dataDir);
  const file = path.join(dataDir, DATABASE_FILE);
  // Created 0600 before SQLite opens it: SQLite gives its -wal and -shm files the database's mode.
  if (!options.readonly) fs.closeSync(fs.openSync(file, 'a', PRIVATE_FILE_MODE));
  const db = new Database(file, {
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
    // Files an earlier version left 0644 (and the journal files) are tightened too.
    if (!options.readonly) makePrivate([file, `${file}-wal`, `${file}-shm`]);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
