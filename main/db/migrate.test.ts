import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test/temp-core';
import { migrate, schemaVersion, SchemaTooNewError } from './migrate';
import { migrations } from './migrations';
import { DATABASE_FILE, openDatabase } from './open-database';

const latest = migrations.at(-1)!.version;

describe('migrations', () => {
  it('build the whole schema from empty, with WAL and foreign keys on', () => {
    const db = openDatabase(tempDir());
    expect(schemaVersion(db)).toBe(latest);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    for (const t of ['contacts', 'addresses', 'blocked', 'shoots', 'emails', 'recipients', 'tracking_events', 'mail_reports', 'activities', 'dispatches', 'settings', 'secrets', 'notices']) {
      expect(tables).toContain(t);
    }
    db.close();
  });

  it('upgrade a database of the previous version and keep its data', () => {
    const db = new Database(':memory:');
    migrate(db, migrations.slice(0, -1));
    expect(schemaVersion(db)).toBe(migrations.at(-2)!.version);
    // Data from the previous version (or none, from empty) must survive the last step.
    const hadContacts = latest > 1;
    if (hadContacts) db.prepare("INSERT INTO contacts (name, created_at, updated_at) VALUES ('Ann', 1, 1)").run();
    migrate(db);
    expect(schemaVersion(db)).toBe(latest);
    expect((db.prepare('SELECT count(*) AS n FROM contacts').get() as { n: number }).n).toBe(hadContacts ? 1 : 0);
    expect(migrate(db)).toBe(latest); // idempotent
  });

  it('refuse a newer schema and leave the file untouched', () => {
    const dir = tempDir();
    const raw = new Database(path.join(dir, DATABASE_FILE));
    raw.exec('CREATE TABLE future (x)');
    raw.pragma(`user_version = ${latest + 1}`);
    raw.close();
    const before = fs.readFileSync(path.join(dir, DATABASE_FILE));
    expect(() => openDatabase(dir)).toThrow(SchemaTooNewError);
    expect(() => openDatabase(dir)).toThrow(/newer Outpost/);
    expect(fs.readFileSync(path.join(dir, DATABASE_FILE)).equals(before)).toBe(true);
  });

  it('roll back a failing step completely', () => {
    const db = new Database(':memory:');
    const broken = [...migrations, { version: latest + 1, name: 'broken', sql: 'CREATE TABLE half (x); SELECT * FROM no_such_table;' }];
    expect(() => migrate(db, broken)).toThrow();
    expect(schemaVersion(db)).toBe(latest);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
  });
});
