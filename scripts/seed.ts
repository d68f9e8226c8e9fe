// npm run seed -- --emails 100000 [--recipients 1000000] [--days 365] [--seed 42] [--data-dir DIR]
// Fills a data folder (OUTPOST_DATA_DIR or --data-dir, else the app's own) with synthetic data.
import { parseArgs } from 'node:util';
import { openDatabase } from '../main/db/open-database';
import { defaultDataDir } from '../main/app/data-dir';
import { seedDatabase } from '../main/seed/seed-database';

const { values } = parseArgs({
  options: {
    emails: { type: 'string', default: '1000' },
    recipients: { type: 'string' },
    days: { type: 'string', default: '365' },
    seed: { type: 'string', default: '42' },
    'data-dir': { type: 'string' },
  },
});
const count = (name: string, v: string | undefined) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, got "${v}"`);
  return n;
};

try {
  const dataDir = values['data-dir'] ?? defaultDataDir();
  const db = openDatabase(dataDir);
  const has = (db.prepare('SELECT count(*) AS n FROM emails').get() as { n: number }).n;
  if (has > 0) throw new Error(`${dataDir} already holds ${has} emails: seed an empty data folder (--data-dir or OUTPOST_DATA_DIR).`);
  const started = Date.now();
  const result = seedDatabase(db, {
    emails: count('emails', values.emails),
    recipients: values.recipients === undefined ? undefined : count('recipients', values.recipients),
    days: count('days', values.days),
    seed: count('seed', values.seed),
    onProgress: (done) => process.stderr.write(`\r${done} emails…`),
  });
  db.pragma('optimize');
  db.close();
  process.stderr.write('\n');
  console.log(`Seeded ${dataDir} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(result)}`);
} catch (err) {
  console.error(`seed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
