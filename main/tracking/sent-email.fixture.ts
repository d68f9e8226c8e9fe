// Test fixture: a database holding one tracked email, already accepted by SMTP, to a contact and
// to the sender's own address, as the sender leaves it. Shared by the apply and sync tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../db/open-database';

export const FROM = 'me@studio.example';
export const CLIENT = 'Ana@Client.example';

export interface SentEmail {
  db: Db;
  dir: string;
  emailId: number;
  clientId: number;
  selfId: number;
  contactId: number;
  sentAt: number;
}

export function sentEmail(sentAt: number): SentEmail {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-tracking-'));
  const db = openDatabase(dir);
  const contactId = Number(db.prepare(`INSERT INTO contacts (name, created_at, updated_at) VALUES ('Ana', ?, ?)`).run(sentAt, sentAt).lastInsertRowid);
  const emailId = Number(db.prepare(`
    INSERT INTO emails (message_id, from_address, subject, body_html, tracking, links, created_at, sent_at)
    VALUES ('<m1@studio.example>', ?, 'Your gallery', '<p>hi</p>', 'opens_clicks', ?, ?, ?)`)
    .run(FROM, JSON.stringify(['https://studio.example/gallery', 'https://studio.example/prices']), sentAt, sentAt).lastInsertRowid);
  const recipient = db.prepare(`
    INSERT INTO recipients (email_id, contact_id, kind, address, address_norm, status, tracked, send_state, attempts, last_attempt_at, updated_at)
    VALUES (?, ?, ?, ?, ?, 'Sent', 1, 'done', 1, ?, ?)`);
  const clientId = Number(recipient.run(emailId, contactId, 'to', CLIENT, CLIENT.toLowerCase(), sentAt, sentAt).lastInsertRowid);
  const selfId = Number(recipient.run(emailId, null, 'cc', FROM, FROM, sentAt, sentAt).lastInsertRowid);
  return { db, dir, emailId, clientId, selfId, contactId, sentAt };
}

export function dropSentEmail(f: SentEmail): void {
  f.db.close();
  fs.rmSync(f.dir, { recursive: true, force: true });
}

export function recipientRow(db: Db, id: number) {
  return db.prepare(`SELECT status, views, clicks, first_viewed_at AS firstViewedAt, last_viewed_at AS lastViewedAt, last_program AS lastProgram
                     FROM recipients WHERE id = ?`).get(id) as {
    status: string; views: number; clicks: number; firstViewedAt: number | null; lastViewedAt: number | null; lastProgram: string | null;
  };
}

export function emailRow(db: Db, id: number) {
  return db.prepare(`SELECT status, viewed, total_views AS totalViews, first_viewed_at AS firstViewedAt, last_program AS lastProgram,
                            fetches, machine_fetches AS machineFetches
                     FROM emails WHERE id = ?`).get(id) as {
    status: string; viewed: string; totalViews: number; firstViewedAt: number | null; lastProgram: string | null;
    fetches: number; machineFetches: number;
  };
}
