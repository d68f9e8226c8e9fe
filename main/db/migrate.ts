import type Database from 'better-sqlite3';
import { migrations as allMigrations, type Migration } from './migrations';

export class SchemaTooNewError extends Error {
  constructor(readonly found: number, readonly known: number) {
    super(
      `This data was written by a newer Outpost (schema ${found}; this version knows up to ${known}). ` +
        'It was left untouched: update Outpost to open it.',
    );
    this.name = 'SchemaTooNewError';
  }
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function assertKnownSchema(db: Database.Database, migrations: readonly Migration[] = allMigrations): void {
  const known = migrations.at(-1)?.version ?? 0;
  const found = schemaVersion(db);
  if (found > known) throw new SchemaTooNewError(found, known);
}

/** Brings the schema up to the newest version, each step in its own transaction. */
export function migrate(db: Database.Database, migrations: readonly Migration[] = allMigrations): number {
  assertKnownSchema(db, migrations);
  const known = migrations.at(-1)?.version ?? 0;
  const found = schemaVersion(db);
  for (const m of migrations) {
    if (m.version <= found) continue;
    // A table rebuild with foreign keys on would fire every ON DELETE of the old table's rows.
    // The pragma is a no-op inside a transaction, so it is set around it.
    const fkOn = m.rebuildsTables && (db.pragma('foreign_keys', { simple: true }) as number) === 1;
    if (fkOn) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        db.exec(m.sql);
        m.backfill?.(db);
        if (m.rebuildsTables && (db.pragma('foreign_key_check') as unknown[]).length) throw new Error(`migration ${m.version} broke a foreign key`);
        db.pragma(`user_version = ${m.version}`);
      })();
    } finally {
      if (fkOn) db.pragma('foreign_keys = ON');
    }
  }
  return known;
}
