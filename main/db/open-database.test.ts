import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test/temp-core';
import { DATABASE_FILE, openDatabase } from './open-database';

const mode = (p: string) => fs.statSync(p).mode & 0o777;
const posix = process.platform !== 'win32';

describe.runIf(posix)('data folder permissions', () => {
  it('creates the folder 0700 and the database, WAL and SHM files 0600', () => {
    const dir = path.join(tempDir('outpost-perm-'), 'Outpost');
    const db = openDatabase(dir);
    db.prepare(`INSERT INTO settings (key, value) VALUES ('x', '1')`).run(); // makes the WAL hold a frame
    const file = path.join(dir, DATABASE_FILE);
    expect(mode(dir)).toBe(0o700);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) {
      expect(fs.existsSync(f)).toBe(true);
      expect(mode(f)).toBe(0o600);
    }
    db.close();
  });

  it('tightens a folder and files an earlier version left readable by others', () => {
    const dir = tempDir('outpost-perm-');
    openDatabase(dir).close();
    const file = path.join(dir, DATABASE_FILE);
    fs.chmodSync(dir, 0o755);
    fs.chmodSync(file, 0o644);
    const db = openDatabase(dir);
    expect(mode(dir)).toBe(0o700);
    expect(mode(file)).toBe(0o600);
    expect(mode(`${file}-wal`)).toBe(0o600);
    db.close();
  });
});
