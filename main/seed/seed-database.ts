import type { Db } from '../db/open-database';
import { normalizeAddress } from '../domain/address';
import { emailSearchText, searchText } from '../domain/search-fold';
import type { RecipientStatus } from '../domain/status';
import { emailAggregates } from '../store/email-aggregates';
import { rng } from './random';
import { COMPANIES, DOMAINS, FIRST, LAST, PLACES, PROGRAMS, SHOOT_KINDS, SUBJECTS } from './vocabulary';

export interface SeedOptions {
  emails: number;
  /** Total recipients across all emails (the average per email follows). */
  recipients?: number;
  /** Emails are spread over this many days before `now`. */
  days?: number;
  seed?: number;
  now?: number;
  onProgress?: (emailsDone: number) => void;
}

export interface SeedResult { contacts: number; shoots: number; emails: number; recipients: number; events: number }

const DAY = 86_400_000;
const BATCH = 2_000;

/**
 * Fills an empty database with believable synthetic data, consistent with the status rules
 * (the email rows' aggregate columns are computed from their recipients and events).
 */
export function seedDatabase(db: Db, options: SeedOptions): SeedResult {
  const r = rng(options.seed ?? 42);
  const now = options.now ?? Date.now();
  const days = options.days ?? 365;
  const totalRecipients = options.recipients ?? Math.round(options.emails * 2.5);
  const avg = Math.max(1, totalRecipients / Math.max(1, options.emails));
  const contactCount = Math.max(20, Math.min(50_000, Math.round(totalRecipients / 20)));
  const shootCount = Math.max(5, Math.round(options.emails / 40));

  const ins = {
    contact: db.prepare('INSERT INTO contacts (name, company, phone, notes, search, created_at, updated_at) VALUES (?, ?, ?, \'\', ?, ?, ?)'),
    address: db.prepare('INSERT INTO addresses (contact_id, position, email, email_norm, purposes, consent) VALUES (?, ?, ?, ?, ?, ?)'),
    shoot: db.prepare('INSERT INTO shoots (title, client_id, shoot_date, location, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    email: db.prepare(`INSERT INTO emails (message_id, shoot_id, from_address, subject, body_text, tracking, created_at, sent_at)
      VALUES (?, ?, 'studio@example.com', ?, ?, ?, ?, ?)`),
    recipient: db.prepare(`INSERT INTO recipients (email_id, contact_id, kind, display_name, address, address_norm, status, status_reason,
      tracked, attempts, last_attempt_at, smtp_reply, first_viewed_at, last_viewed_at, views, clicks, last_program, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    event: db.prepare(`INSERT INTO tracking_events (source, source_id, email_id, recipient_id, kind, at, ip, user_agent, method, link_index, url, verdict, program)
      VALUES ('seed', ?, ?, ?, ?, ?, ?, ?, 'GET', ?, ?, ?, ?)`),
    // The contacts' timelines, as the sender, the mailbox watcher and the relay sync write them.
    activity: db.prepare('INSERT INTO activities (contact_id, kind, at, email_id, recipient_id, detail, verdict) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    // The Outbox's search column, as compose writes it.
    search: db.prepare('UPDATE emails SET search = ? WHERE id = ?'),
    recipientViews: db.prepare('UPDATE recipients SET first_viewed_at = ?, last_viewed_at = ?, clicks = ?, last_program = ? WHERE id = ?'),
  };
  const refresh = emailAggregates(db);

  const contacts: { id: number; name: string; email: string; second: string | null }[] = [];
  db.transaction(() => {
    for (let i = 0; i < contactCount; i++) {
      const name = `${r.pick(FIRST)} ${r.pick(LAST)}`;
      const at = now - r.int(0, days + 365) * DAY;
      // Drawn in the order they always were, so a seed number gives the same data as before.
      const company = r.pick(COMPANIES);
      const phone = `+1 555 ${String(r.int(0, 9999)).padStart(4, '0')}`;
      const email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}.${i}@${r.pick(DOMAINS)}`;
      const consent = r.pick(['granted', 'unknown', 'unknown', 'denied'] as const);
      const second = r.chance(0.2) ? `${name.split(' ')[0]!.toLowerCase()}.${i}@newsletter.example.com` : null;
      const search = searchText(name, company, email, ...(second ? [second] : []));
      const id = Number(ins.contact.run(name, company, phone, search, at, at).lastInsertRowid);
      ins.address.run(id, 0, email, normalizeAddress(email), '["client mail"]', consent);
      if (second) ins.address.run(id, 1, second, normalizeAddress(second), '["newsletter"]', 'unknown');
      contacts.push({ id, name, email, second });
    }
  })();

  const shoots: { id: number; title: string }[] = [];
  db.transaction(() => {
    for (let i = 0; i < shootCount; i++) {
      const client = r.pick(contacts);
      const title = `${r.pick(SHOOT_KINDS)} · ${client.name}`;
      const date = new Date(now + r.int(-days, 180) * DAY).toISOString().slice(0, 10);
      const at = now - r.int(0, days) * DAY;
      const status = date < new Date(now).toISOString().slice(0, 10) ? 'completed' : r.pick(['inquiry', 'booked', 'booked'] as const);
      shoots.push({ id: Number(ins.shoot.run(title, client.id, date, r.pick(PLACES), status, at, at).lastInsertRowid), title });
    }
  })();

  let recipientsMade = 0;
  let events = 0;
  const emailBatch = (from: number, to: number) => {
    for (let e = from; e < to; e++) {
      // Older emails are spread evenly; the newest first, so ids and dates agree.
      const createdAt = now - Math.floor(((options.emails - e) / options.emails) * days * DAY) + r.int(0, 3_600_000);
      const shoot = r.chance(0.7) ? r.pick(shoots) : null;
      const tracking = r.pick(['opens_clicks', 'opens_clicks', 'opens', 'off'] as const);
      const count = Math.max(1, Math.round(avg * (0.2 + 1.6 * r.next())));
      const subject = r.pick(SUBJECTS).replace('{n}', String(1000 + e)).replace('{shoot}', shoot?.title.split(' · ')[0] ?? 'your session');

      const rows: { contact: (typeof contacts)[number]; status: RecipientStatus; views: number; clicks: number; first: number | null; last: number | null; program: string | null; reason: string }[] = [];
      for (let k = 0; k < count; k++) {
        const contact = r.pick(contacts);
        const roll = r.next();
        const status: RecipientStatus =
          roll < 0.02 ? 'Bounced' : roll < 0.03 ? 'Soft Bounced' : roll < 0.035 ? 'Failed' : roll < 0.04 ? 'Blocked'
          : tracking !== 'off' && roll < 0.55 ? 'Opened' : roll < 0.75 ? 'Delivered' : 'Sent';
        const reason = status === 'Bounced' ? 'hard bounce: user unknown (5.1.1)' : status === 'Soft Bounced' ? 'mailbox full (4.2.2)'
          : status === 'Failed' ? 'invalid address' : status === 'Blocked' ? 'on the blocked list' : '';
        rows.push({ contact, status, views: status === 'Opened' ? r.int(1, 5) : 0, clicks: 0, first: null, last: null, program: null, reason });
      }
      const sent = rows.some((x) => x.status !== 'Failed' && x.status !== 'Blocked');
      const tracked = tracking !== 'off';
      const emailId = Number(ins.email.run(`<seed.${e}@outpost.example>`, shoot?.id ?? null, subject, `Hello,\n\n${subject}.\n`, tracking, createdAt,
        sent ? createdAt + 2000 : null).lastInsertRowid);

      // Some copies go Cc or Bcc (no draw, so a seed number gives the same data as before); a Cc
      // goes to the contact's second address where there is one, which is then found only in Cc.
      const sentTo = rows.map((row, k) => {
        const kind = k === 0 || k % 4 === 0 ? 'to' as const : k % 4 === 3 ? 'bcc' as const : 'cc' as const;
        return { kind, address: kind === 'cc' ? row.contact.second ?? row.contact.email : row.contact.email };
      });
      for (const [k, row] of rows.entries()) {
        const { kind, address } = sentTo[k]!;
        const recipientId = Number(ins.recipient.run(emailId, row.contact.id, kind, row.contact.name, address, normalizeAddress(address), row.status,
          row.reason, tracked ? 1 : 0, sent ? 1 : 0, sent ? createdAt + 2000 : null, sent ? '250 2.0.0 Ok: queued' : null,
          null, null, row.views, 0, null, createdAt).lastInsertRowid);
        recipientsMade++;
        const said = (kind: string, at: number, detail: string, verdict: string | null = null) => ins.activity.run(row.contact.id, kind, at, emailId, recipientId, detail, verdict);
        if (sent && row.status !== 'Failed' && row.status !== 'Blocked') said('email_sent', createdAt + 2000, subject);
        if (row.status === 'Delivered') said('email_delivered', createdAt + 60_000, 'delivered');
        if (row.status === 'Bounced' || row.status === 'Soft Bounced') said('bounced', createdAt + 60_000, row.reason);
        if (row.views === 0) continue;
        let at = createdAt + r.int(60_000, 3 * DAY);
        let program = '';
        for (let v = 0; v < row.views; v++) {
          const p = r.pick(PROGRAMS);
          program = p.program;
          at = Math.min(at, now - (row.views - v) * 1000); // the newest emails' opens must not lie in the future
          ins.event.run(`${recipientId}.${v}`, emailId, recipientId, 'open', at, `192.0.2.${r.int(1, 254)}`, p.ua, null, null, p.verdict, p.program);
          said('email_opened', at, p.program, p.verdict);
          events++;
          row.first ??= at;
          row.last = at;
          at += r.int(60_000, DAY);
        }
        if (tracking === 'opens_clicks' && r.chance(0.3)) {
          ins.event.run(`${recipientId}.c`, emailId, recipientId, 'click', at, `192.0.2.${r.int(1, 254)}`, PROGRAMS[0]!.ua, 0, 'https://studio.example/gallery', 'person', 'Apple Mail');
          said('link_clicked', at, 'https://studio.example/gallery', 'person');
          events++;
          row.clicks = 1;
        }
        ins.recipientViews.run(row.first, row.last, row.clicks, program, recipientId);
      }
      refresh(emailId);
      ins.search.run(emailSearchText(shoot?.title ?? '', subject, rows.map((row, k) => ({ name: row.contact.name, address: sentTo[k]!.address }))), emailId);
    }
  };
  for (let from = 0; from < options.emails; from += BATCH) {
    db.transaction(emailBatch)(from, Math.min(options.emails, from + BATCH));
    options.onProgress?.(Math.min(options.emails, from + BATCH));
  }
  return { contacts: contacts.length, shoots: shoots.length, emails: options.emails, recipients: recipientsMade, events };
}
