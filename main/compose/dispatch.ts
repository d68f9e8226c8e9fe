import type { z } from 'zod';
import type { dispatchFilter, dispatchInput } from '../api/schemas';
import type { DispatchCounts, DispatchPreview, DispatchSummary } from '../api/contract';
import { ApiError, notFound } from '../api/errors';
import { checkRecipients } from '../domain/recipient-checks';
import { fillTemplate, firstName, unknownFields, type MergeValues } from '../domain/merge-fields';
import { escapeLike } from '../store/like';
import { prepareAll } from '../store/prepare';
import { emailInserter } from './insert-email';
import { recipientSource } from './recipient-source';
import { decodeAttachments, draftOf, sendContext, type ComposeDeps } from './compose';

type Filter = z.output<typeof dispatchFilter>;
type DispatchInput = z.output<typeof dispatchInput>;

interface ContactRow { id: number; name: string; company: string; shoot_title: string | null; shoot_date: string | null; shoot_location: string | null }

const SQL = {
  // The filtered list, each contact with the shoot its merge fields describe: the chosen shoot,
  // else their latest shoot as client.
  contacts: `
    SELECT c.id, c.name, c.company, s.title AS shoot_title, s.shoot_date, s.location AS shoot_location
    FROM contacts c
    LEFT JOIN shoots s ON s.id = COALESCE(:shootId,
      (SELECT id FROM shoots WHERE client_id = c.id ORDER BY shoot_date IS NULL, shoot_date DESC LIMIT 1))
    WHERE (:search = '' OR c.name LIKE :like ESCAPE '\\' OR c.company LIKE :like ESCAPE '\\')
      AND (:shootId IS NULL OR c.id IN (SELECT client_id FROM shoots WHERE id = :shootId
                                        UNION SELECT contact_id FROM shoot_contacts WHERE shoot_id = :shootId))
      AND (:shootStatus = '' OR c.id IN (SELECT client_id FROM shoots WHERE status = :shootStatus))
    ORDER BY c.name COLLATE NOCASE, c.id`,
  insert: `INSERT INTO dispatches (name, subject, filter, status, created_at, started_at) VALUES (?, ?, ?, 'sending', ?, ?)`,
  get: `SELECT id, name, subject, status, created_at AS createdAt FROM dispatches WHERE id = ?`,
  list: `SELECT id, name, subject, status, created_at AS createdAt FROM dispatches ORDER BY created_at DESC LIMIT ?`,
  counts: `
    SELECT count(*) AS total,
      sum(r.send_state IN ('queued', 'sending')) AS queued,
      sum(r.send_state = 'held') AS held,
      sum(r.send_state = 'unknown') AS unknown,
      sum(r.status IN ('Sent', 'Delivered', 'Opened', 'Soft Bounced', 'Bounced')) AS sent,
      sum(r.status IN ('Delivered', 'Opened')) AS delivered,
      sum(r.status = 'Opened') AS opened,
      sum(r.clicks > 0) AS clicked,
      sum(r.status = 'Bounced') AS bounced,
      sum(r.status = 'Soft Bounced') AS softBounced,
      sum(r.send_state = 'none') AS notSent
    FROM recipients r JOIN emails e ON e.id = r.email_id WHERE e.dispatch_id = ?`,
  setStatus: `UPDATE dispatches SET status = ?, finished_at = CASE WHEN ? IN ('done', 'cancelled') THEN ? END WHERE id = ?`,
  hold: `UPDATE recipients SET send_state = 'held', updated_at = ? WHERE send_state = 'queued' AND email_id IN (SELECT id FROM emails WHERE dispatch_id = ?)`,
  release: `UPDATE recipients SET send_state = 'queued', next_attempt_at = ?, updated_at = ? WHERE send_state = 'held' AND email_id IN (SELECT id FROM emails WHERE dispatch_id = ?)`,
  cancel: `UPDATE recipients SET send_state = 'none', status = 'Failed', status_reason = 'not sent: the dispatch was cancelled', updated_at = ?
           WHERE send_state IN ('queued', 'held') AND status = 'Unsent' AND email_id IN (SELECT id FROM emails WHERE dispatch_id = ?)`,
  emailIds: `SELECT id FROM emails WHERE dispatch_id = ?`,
} as const;

/** Mail merge: one email per contact of a filtered list, grouped as a dispatch. */
export function dispatches(deps: ComposeDeps & { refresh: (emailId: number) => void }) {
  const q = prepareAll(deps.db, SQL);
  const source = recipientSource(deps.db);
  const insert = emailInserter(deps.db, source);
  const now = deps.now ?? Date.now;

  const contactsOf = (f: Filter) => q.contacts.all({ shootId: f.shootId, search: f.search, like: `%${escapeLike(f.search)}%`, shootStatus: f.shootStatus }) as ContactRow[];

  function summary(id: number): DispatchSummary {
    const d = q.get.get(id) as Omit<DispatchSummary, 'counts'> | undefined;
    if (!d) throw notFound('Dispatch', id);
    const raw = q.counts.get(id) as Record<keyof DispatchCounts, number | null>;
    const counts = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, v ?? 0])) as unknown as DispatchCounts;
    // A dispatch is done once nothing of it waits to be sent; computed here so no sender has to know.
    if (d.status === 'sending' && counts.queued === 0 && counts.held === 0) {
      q.setStatus.run('done', 'done', now(), id);
      d.status = 'done';
    }
    return { ...d, counts };
  }

  const refreshAll = (id: number) => {
    for (const { id: emailId } of q.emailIds.all(id) as { id: number }[]) deps.refresh(emailId);
  };

  return {
    preview(filter: Filter): DispatchPreview {
      const rows = contactsOf(filter);
      const sample = rows.map((c) => ({ id: c.id, name: c.name, address: source.addressFor(c.id, filter.purpose) }));
      return { count: rows.length, withoutAddress: sample.filter((s) => s.address === null).length, sample: sample.slice(0, 50) };
    },

    create: deps.db.transaction((input: DispatchInput): DispatchSummary => {
      const unknown = [...new Set([input.subject, input.bodyText, input.bodyHtml].flatMap(unknownFields))];
      if (unknown.length) throw new ApiError('invalid_input', `Unknown merge field${unknown.length > 1 ? 's' : ''}: ${unknown.map((f) => `{{${f}}}`).join(', ')}`, [{ path: 'bodyText', message: 'unknown merge field' }]);
      const at = now();
      const ctx = sendContext(deps.settings(), input.tracking, at);
      const rows = contactsOf(input.filter);
      if (rows.length === 0) throw new ApiError('invalid_input', 'No contact matches this list.', [{ path: 'filter', message: 'no contacts' }]);
      const name = `${input.subject} · ${new Date(at).toISOString().slice(0, 10)}`;
      const dispatchId = Number(q.insert.run(name, input.subject, JSON.stringify(input.filter), at, at).lastInsertRowid);
      const seen = new Set<string>();
      const attachments = decodeAttachments(input);
      for (const c of rows) {
        const values: MergeValues = {
          name: c.name, first_name: firstName(c.name), company: c.company,
          shoot_title: c.shoot_title ?? '', shoot_date: c.shoot_date ?? '', shoot_location: c.shoot_location ?? '',
        };
        const body = {
          ...input,
          subject: fillTemplate(input.subject, values, false),
          bodyText: fillTemplate(input.bodyText, values, false),
          bodyHtml: fillTemplate(input.bodyHtml, values, true),
        };
        const candidate = { kind: 'to' as const, contactId: c.id, name: c.name, address: source.addressFor(c.id, input.filter.purpose) };
        const checked = checkRecipients([candidate], { purpose: input.filter.purpose, isBlocked: source.isBlocked, deactivation: source.deactivation, seen });
        insert(draftOf(body, deps.extractLinks, { shootId: input.filter.shootId, dispatchId, attachments }), checked, ctx);
      }
      return summary(dispatchId);
    }),

    summary,
    list: (limit = 20) => (q.list.all(limit) as { id: number }[]).map((d) => summary(d.id)),

    pause: deps.db.transaction((id: number) => {
      summary(id);
      q.hold.run(now(), id);
      q.setStatus.run('paused', 'paused', null, id);
      return summary(id);
    }),
    resume: deps.db.transaction((id: number) => {
      summary(id);
      q.release.run(now(), now(), id);
      q.setStatus.run('sending', 'sending', null, id);
      return summary(id);
    }),
    cancel: deps.db.transaction((id: number) => {
      summary(id);
      q.cancel.run(now(), id);
      q.setStatus.run('cancelled', 'cancelled', now(), id);
      refreshAll(id);
      return summary(id);
    }),
  };
}
