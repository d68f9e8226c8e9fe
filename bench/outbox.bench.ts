// npm run bench:outbox [-- --emails 100000 --recipients 1000000]
// Seeds (once, cached in the OS temp folder) a database with 1,000,000 recipients, then measures
//  1. time to the first Outbox page (last 90 days, newest first) and to a shoot's correspondence,
//     and to a search of the Outbox and the contacts,
//     side by side with a bare indexed SELECT of the same 100 rows as the baseline;
//     and the sender's queue queries, which run on every claim and status poll, against the same
//     queries made to scan the table (as they did before they named the outbox index's condition);
//     the first page sorted by each column both ways, and searched by an address found only in Cc;
//  2. in Chromium: opening the Outbox with 100,000 emails until rows are on screen, and a steady
//     scroll through it counting frames that showed rows not loaded yet; a click on a column
//     header until the re-sorted rows are painted.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { openDatabase } from '../main/db/open-database';
import { OUTBOX_SORTS, outboxQuery } from '../main/api/schemas';
import { outboxPage } from '../main/store/outbox';
import { contactsStore } from '../main/store/contacts';
import { OUTBOX_SQL, outboxStore } from '../main/send/outbox-store';
import { median, printTable, timeMs } from './lib/measure';
import { seededOutboxDir } from './lib/seeded-outbox';

const { values } = parseArgs({ options: { emails: { type: 'string', default: '100000' }, recipients: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '30' } } });
const emails = Number(values.emails);
const recipients = Number(values.recipients);
const runs = Number(values.runs);

const dataDir = seededOutboxDir(emails, recipients);

// 1. Database: a fresh connection for the first (cold) query, then warm repeats.
const db = openDatabase(dataDir);
const stats = db.prepare('SELECT (SELECT count(*) FROM emails) e, (SELECT count(*) FROM recipients) r').get() as { e: number; r: number };
const shootId = (db.prepare('SELECT shoot_id AS id FROM emails WHERE shoot_id IS NOT NULL GROUP BY shoot_id ORDER BY count(*) DESC LIMIT 1').get() as { id: number }).id;
const recent = outboxQuery.parse({ scope: { kind: 'recent', days: 90 }, limit: 100 });
const shoot = outboxQuery.parse({ scope: { kind: 'shoot', shootId }, limit: 100 });
const bare = db.prepare('SELECT * FROM emails ORDER BY created_at DESC, id DESC LIMIT 100');
const bareShoot = db.prepare('SELECT * FROM emails WHERE shoot_id = ? ORDER BY created_at DESC, id DESC LIMIT 100');

const measure = (fn: () => unknown) => {
  const cold = timeMs(fn);
  const warm = median(Array.from({ length: runs }, () => timeMs(fn)));
  return { cold, warm };
};
const outbox = measure(() => outboxPage(db, recent));
// Search goes through the trigram index when it matches few emails, else reads every email's text: one that
// matches many, and one that matches none, so both the page and the count walk everything.
const searchMany = measure(() => outboxPage(db, { ...recent, search: 'MÜLLER' }));
const searchNone = measure(() => outboxPage(db, { ...recent, search: 'ÅSA ÖBERG' }));
const contactSearch = measure(() => contactsStore(db).list('MÜLLER'));
// An address seeded only in Cc (a contact's second address), so only the full search text has it.
const ccOnly = db.prepare(`SELECT address FROM recipients WHERE kind = 'cc' AND address LIKE '%@newsletter.example.com' LIMIT 1`).pluck().get() as string;
const ccSearch = measure(() => outboxPage(db, { ...recent, search: ccOnly }));
const spread = (fn: () => unknown) => {
  const times = Array.from({ length: runs }, () => timeMs(fn)).sort((a, b) => a - b);
  return { median: median(times), p10: times[Math.floor(runs * 0.1)]!, p90: times[Math.floor(runs * 0.9)]! };
};
const sorted = OUTBOX_SORTS.flatMap((sort) => (['asc', 'desc'] as const).map((direction) => ({ sort, direction, ...spread(() => outboxPage(db, { ...recent, sort, direction })) })));
const outboxBase = measure(() => bare.all());
const shootPage = measure(() => outboxPage(db, shoot));
const shootBase = measure(() => bareShoot.all(shootId));
const store = outboxStore(db);
const scanning = (sql: string) => db.prepare(sql.replace(/FROM recipients WHERE/, 'FROM recipients NOT INDEXED WHERE'));
const queued = measure(() => store.queuedCount());
const queuedScan = measure(() => scanning(OUTBOX_SQL.queued).get());
const nextDue = measure(() => store.nextDue());
const nextDueScan = measure(() => scanning(OUTBOX_SQL.nextDue).get());
db.close();

console.log(`\nDatabase: ${stats.e.toLocaleString()} emails, ${stats.r.toLocaleString()} recipients (target: first page < 50 ms)`);
printTable(['query', 'first call ms', 'median ms', 'bare SELECT ms', 'ratio (ours / bare)'], [
  ['Outbox, last 90 days', outbox.cold.toFixed(2), outbox.warm.toFixed(2), outboxBase.warm.toFixed(2), (outbox.warm / outboxBase.warm).toFixed(1)],
  ['Shoot correspondence', shootPage.cold.toFixed(2), shootPage.warm.toFixed(2), shootBase.warm.toFixed(2), (shootPage.warm / shootBase.warm).toFixed(1)],
]);
console.log('');
printTable(['search (any case, any script)', 'first call ms', 'median ms'], [
  ['Outbox, "MÜLLER" (many matches)', searchMany.cold.toFixed(2), searchMany.warm.toFixed(2)],
  ['Outbox, "ÅSA ÖBERG" (none: the trigram index says so)', searchNone.cold.toFixed(2), searchNone.warm.toFixed(2)],
  ['Contacts, "MÜLLER"', contactSearch.cold.toFixed(2), contactSearch.warm.toFixed(2)],
]);
console.log('');
printTable(['first page, last 90 days, sorted by', 'median ms', 'p10–p90 ms', 'ratio to newest first (bare SELECT)'], sorted.map((r) => [
  `${r.sort} ${r.direction}`, r.median.toFixed(2), `${r.p10.toFixed(2)}–${r.p90.toFixed(2)}`, (r.median / outboxBase.warm).toFixed(1),
]));
console.log('');
printTable(['search by an address found only in Cc', 'first call ms', 'median ms'], [[ccOnly, ccSearch.cold.toFixed(2), ccSearch.warm.toFixed(2)]]);
console.log('');
printTable(['sender query', 'median ms', 'the same scanning the table, median ms'], [
  ['copies queued or sending (each status poll)', queued.warm.toFixed(3), queuedScan.warm.toFixed(1)],
  ['next due copy (each idle claim)', nextDue.warm.toFixed(3), nextDueScan.warm.toFixed(1)],
]);

// 2. Chromium against the built app in browser mode.
if (!fs.existsSync('dist/main/browser-main.cjs') || !fs.existsSync('dist/renderer/index.html')) {
  console.log('\nChromium part skipped: run `npm run build` first.');
  process.exit(0);
}
const app = spawn(process.execPath, ['dist/main/browser-main.cjs'], { env: { ...process.env, OUTPOST_DATA_DIR: dataDir, OUTPOST_NO_OPEN: '1' }, stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise<string>((resolve) => {
  let out = '';
  app.stdout!.on('data', (c: Buffer) => {
    out += c.toString();
    const m = /running at (\S+)/.exec(out);
    if (m) resolve(m[1]!);
  });
});
const browser = await chromium.launch({
  executablePath: process.env.OUTPOST_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(url);
  await page.getByText('Dashboard').first().waitFor();
  const openTimes: number[] = [];
  for (let i = 0; i < 5; i++) {
    await page.evaluate(() => (location.hash = '#/dashboard'));
    await page.getByText('contacts').first().waitFor();
    // Time from the click to the first loaded row painted, measured inside the page.
    openTimes.push(await page.evaluate(async () => {
      const start = performance.now();
      (document.querySelector('a[href="#/outbox"]') as HTMLAnchorElement).click();
      while (!document.querySelector('[role="row"][data-loaded="true"]')) await new Promise(requestAnimationFrame);
      await new Promise(requestAnimationFrame);
      return performance.now() - start;
    }));
  }
  const total = await page.locator('[role="table"]').getAttribute('aria-rowcount');
  // A steady scroll (about 1,700 rows a second): count frames that showed a row not yet loaded.
  const scroll = await page.evaluate(async () => {
    const body = document.querySelector('.grid-body') as HTMLElement;
    let frames = 0;
    let blankFrames = 0;
    let maxBlank = 0;
    for (let step = 0; step < 300; step++) {
      body.scrollTop += 1000;
      await new Promise(requestAnimationFrame);
      frames++;
      const top = body.getBoundingClientRect().top;
      const bottom = body.getBoundingClientRect().bottom;
      const blank = [...body.querySelectorAll('[role="row"][data-loaded="false"]')].filter((r) => {
        const b = r.getBoundingClientRect();
        return b.bottom > top && b.top < bottom;
      }).length;
      if (blank > 0) blankFrames++;
      maxBlank = Math.max(maxBlank, blank);
    }
    return { frames, blankFrames, maxBlank, rowsPassed: Math.round(body.scrollTop / 34) };
  });
  // A click on a header until the first row shows the new order, painted: five columns, each twice.
  const sortTimes: number[] = [];
  for (const name of ['Subject', 'Views', 'Status', 'Last viewed', 'Date', 'Subject', 'Views', 'Status', 'Last viewed', 'Date']) {
    sortTimes.push(await page.evaluate(async (name) => {
      const header = [...document.querySelectorAll('[role="columnheader"]')].find((h) => h.textContent?.startsWith(name))!;
      const before = document.querySelector('[role="row"][aria-rowindex="1"]')?.textContent;
      const start = performance.now();
      header.querySelector('button')!.click();
      for (;;) {
        await new Promise(requestAnimationFrame);
        const row = document.querySelector('[role="row"][aria-rowindex="1"][data-loaded="true"]');
        if (header.getAttribute('aria-sort') !== 'none' && row && row.textContent !== before) break;
      }
      await new Promise(requestAnimationFrame);
      return performance.now() - start;
    }, name));
  }
  const sortedTimes = [...sortTimes].sort((a, b) => a - b);
  console.log(`\nChromium: Outbox with ${Number(total).toLocaleString()} emails (target: rows on screen < 1000 ms, no blank rows while scrolling)`);
  printTable(['measure', 'value'], [
    ['click → first rows painted, median of 5 (ms)', median(openTimes).toFixed(0)],
    ['click → first rows painted, worst of 5 (ms)', Math.max(...openTimes).toFixed(0)],
    ['scroll: frames / rows passed', `${scroll.frames} / ${scroll.rowsPassed.toLocaleString()}`],
    ['scroll: frames showing a not-yet-loaded row', String(scroll.blankFrames)],
    ['scroll: most not-yet-loaded rows in one frame', String(scroll.maxBlank)],
    ['header click → re-sorted rows painted, median of 10 (ms; target < 300)', median(sortTimes).toFixed(0)],
    ['header click → re-sorted rows painted, min–max (ms)', `${sortedTimes[0]!.toFixed(0)}–${sortedTimes.at(-1)!.toFixed(0)}`],
  ]);
} finally {
  await browser.close();
  app.kill('SIGTERM');
}
