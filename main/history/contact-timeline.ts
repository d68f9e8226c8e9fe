// A contact's timeline: what happened to the mail sent to them, newest first, one page at a time.
import type { ActivityPage, ActivityRow } from '../api/contract';
import { notFound } from '../api/errors';
import type { Db } from '../db/open-database';
import { isCounted, type Verdict } from '../domain/views';
import { prepareAll } from '../store/prepare';

const SQL = {
  contact: `SELECT 1 FROM contacts WHERE id = ?`,
  total: `SELECT count(*) FROM activities WHERE contact_id = ?`,
  // Walks activities_by_contact (contact_id, at DESC, id DESC): a page costs its length plus the offset.
  page: `
    SELECT a.id, a.kind, a.at, e.id AS emailId, e.subject, a.detail, a.verdict
    FROM activities a LEFT JOIN emails e ON e.id = a.email_id
    WHERE a.contact_id = ? ORDER BY a.at DESC, a.id DESC LIMIT ? OFFSET ?`,
} as const;

export interface TimelineQuery { contactId: number; offset: number; limit: number }

export function contactTimeline(db: Db) {
  const q = prepareAll(db, SQL);
  const total = q.total.pluck();
  return ({ contactId, offset, limit }: TimelineQuery): ActivityPage => {
    if (!q.contact.get(contactId)) throw notFound('Contact', contactId);
    const rows = (q.page.all(contactId, limit, offset) as Omit<ActivityRow, 'by'>[]).map((r): ActivityRow => ({
      ...r, by: r.verdict === null ? null : isCounted(r.verdict as Verdict) ? 'person' : 'machine',
    }));
    return { rows, total: total.get(contactId) as number };
  };
}
