// The benches' big database, seeded once and cached in the OS temp folder: every bench that
// reads the Outbox's data (bench:outbox, bench:export) measures the same rows.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../main/db/open-database';
import { seedDatabase } from '../../main/seed/seed-database';

/** The data folder of a seeded database with this many emails and recipients. */
export function seededOutboxDir(emails: number, recipients: number): string {
  const dataDir = path.join(os.tmpdir(), `outpost-bench-outbox-${emails}-${recipients}-v4`);
  if (fs.existsSync(path.join(dataDir, 'seeded'))) return dataDir;
  fs.rmSync(dataDir, { recursive: true, force: true });
  console.log(`Seeding ${emails} emails / ${recipients} recipients into ${dataDir} (once)…`);
  const db = openDatabase(dataDir);
  // All within 89 days, so the 90-day Outbox holds every email.
  console.log(seedDatabase(db, { emails, recipients, days: 89 }));
  db.pragma('optimize');
  db.close();
  fs.writeFileSync(path.join(dataDir, 'seeded'), '');
  return dataDir;
}
