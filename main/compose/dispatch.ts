import type { DispatchCounts, DispatchPreview, DispatchSummary } from '../api/contract';
import { ApiError, notFound } from '../api/errors';
import { dispatchName } from '../domain/dispatch-name';
import { refuseUnknown } from '../templates/fill-email';
import { noticeBoard } from '../store/notices';
import { prepareAll } from '../store/prepare';
import { checkRecipients } from '../domain/recipient-checks';
import { mergeList, type Filter } from './merge-list';
import { recipientSource } from './recipient-source';
import { mergeQueue, type DispatchInput, type QueueDeps } from './merge-queue';
import { sendContext } from './compose';
import { cancelledCopy } from '../send/outbox-store';

const SQL = {
  insert: `INSERT INTO dispatches (name, subject, filter, merge_input, to_queue, status, created_at, started_at) VALUES (?, ?, ?, ?, ?, 'sending', ?, ?)`,
  get: `SELECT id, subject, status, created_at AS createdAt, to_queue AS toQueue FROM dispatches WHERE id = ?`,
  list: `SELECT id FROM dispatches ORDER BY created_at DESC LIMIT ?`,
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
      sum(r.send_state = 'none') AS notSent,
      sum(r.status IN ('Failed', 'Blocked', 'Duplicate', 'No Email Selected')) AS failed,
      sum(r.status = 'Cancelled') AS cancelled
    FROM recipients r JOIN emails e ON e.id = r.email_id WHERE e.dispatch_id = ?`,
  setStatus: `UPDATE dispatches SET status = ?, finished_at = CASE WHEN ? IN ('done', 'cancelled') THEN ? END WHERE id = ?`,
  hold: `UPDATE recipients SET send_state = 'held', updated_at = ? WHERE send_state = 'queued' AND email_id IN (SELECT id FROM emails WHERE dispatch_id = ?)`,
  release: `UPDATE recipients SET send_state = 'queued', next_attempt_at = ?, updated_at = ? WHERE send_state = 'held' AND email_id IN (SELECT id FROM emails WHERE dispatch_id = ?)`,
  // Every copy still to go never leaves: Unsent ones end Cancelled; a Soft Bounced one keeps its answer, retries stop.
  cancel: `UPDATE recipients SET send_state = 'none', updated_at = :now,
             status_reason = CASE status WHEN 'Unsent' THEN :unsentReason ELSE :retryReason END,
             status = CASE status WHEN 'Unsent' THEN 'Cancelled' ELSE status END
           WHERE send_state IN ('queued', 'held') AND email_id IN (SELECT id FROM emails WHERE dispatch_id = :id)`,
  queueNoMore: `UPDATE dispatches SET to_queue = 0 WHERE id = ?`,
  emailIds: `SELECT id FROM emails WHERE dispatch_id = ?`,
  // Stopped mid-merge when the app last closed.
  unfinished: `SELECT id FROM dispatches WHERE status = 'sending' AND to_queue > 0`,
} as const;

/** Mail merge: one email per contact of a filtered list, grouped as a dispatch. */
export function dispatches(deps: QueueDeps & {
  refresh: (emailId: number) => void;
  /** After a pause or cancel: the sender takes back the dispatch's copies no connection has started. */
  withdraw?: (dispatchId: number) => void;
}) {
  const q = prepareAll(deps.db, SQL);
  const list = mergeList(deps.db);
  const source = recipientSource(deps.db);
  const queue = mergeQueue(deps);
  const now = deps.now ?? Date.now;
  const notice = noticeBoard(deps.db);

  function summary(id: number): DispatchSummary {
    const row = q.get.get(id) as (Omit<DispatchSummary, 'counts' | 'name'> & { toQueue: number }) | undefined;
    if (!row) throw notFound('Dispatch', id);
    const { toQueue, ...rest } = row;
    // Named when read, so dispatches stored before the name dropped unfilled fields read right too.
    const d = { ...rest, name: dispatchName(rest.subject, rest.createdAt) };
    const raw = q.counts.get(id) as Record<Exclude<keyof DispatchCounts, 'toQueue'>, number | null>;
    const counts = { ...Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, v ?? 0])), toQueue } as DispatchCounts;
    // A dispatch is done once nothing of it waits to be queued or sent; computed here so no sender has to know.
    if (d.status === 'sending' && counts.queued === 0 && counts.held === 0 && toQueue === 0) {
      q.setStatus.run('done', 'done', now(), id);
      d.status = 'done';
    }
    return { ...d, counts };
  }

  const refreshAll = (id: number) => {
    for (const { id: emailId } of q.emailIds.all(id) as { id: number }[]) deps.refresh(emailId);
  };

  // The first chunk goes in the dispatch's own transaction, the rest once it has committed.
  const createAndQueueFirst = deps.db.transaction((input: DispatchInput) => {
    refuseUnknown(input);
    const at = now();
    const ctx = sendContext(deps.settings(), input.tracking, at);
    const toQueue = list.count(input.filter);
    if (toQueue === 0) throw new ApiError('invalid_input', 'No contact matches this list.', [{ path: 'filter', message: 'no contacts' }]);
    const id = Number(q.insert.run(dispatchName(input.subject, at), input.subject, JSON.stringify(input.filter), JSON.stringify(input), toQueue, at, at).lastInsertRowid);
    return { run: queue.first(id, input, ctx, toQueue), created: summary(id) };
  });

  const resumeAndRestart = deps.db.transaction((id: number) => {
    const { counts } = summary(id);
    // Settings are checked before anything changes: a resume that cannot queue the rest changes nothing.
    const run = counts.toQueue > 0 ? queue.again(id) : null;
    q.release.run(now(), now(), id);
    q.setStatus.run('sending', 'sending', null, id);
    return { run, resumed: summary(id) };
  });

  // Copies in the pool's hands stay 'sending' here; withdrawn, they come back held or cancelled (outbox-store).
  const holdAll = deps.db.transaction((id: number) => {
    summary(id);
    q.hold.run(now(), id);
    q.setStatus.run('paused', 'paused', null, id);
    return summary(id);
  });
  const cancelAll = deps.db.transaction((id: number) => {
    summary(id);
    q.queueNoMore.run(id);
    q.cancel.run({ now: now(), id, unsentReason: cancelledCopy('Unsent').reason, retryReason: cancelledCopy('Soft Bounced').reason });
    q.setStatus.run('cancelled', 'cancelled', now(), id);
    refreshAll(id);
    return summary(id);
  });

  return {
    /** The list, and how many copies will really go: the same checks as queuing (no address, invalid, deactivated, blocked, duplicate). */
    preview(filter: Filter): DispatchPreview {
      const rows = list.all(filter);
      const sample = rows.map((c) => ({ id: c.id, name: c.name, address: c.address }));
      const checked = checkRecipients(rows.map((c) => ({ kind: 'to' as const, contactId: c.id, name: c.name, address: c.address })),
        { purpose: filter.purpose, isBlocked: source.isBlocked, deactivation: source.deactivation, complaint: source.complaint, seen: new Set() });
      const notSent: Record<string, number> = {};
      for (const c of checked) if (!c.ok) notSent[c.status] = (notSent[c.status] ?? 0) + 1;
      return {
        count: rows.length, copies: checked.filter((c) => c.ok).length, notSent,
        withoutAddress: sample.filter((s) => s.address === null).length, sample: sample.slice(0, 50),
      };
    },

    /** Checks and stores the dispatch with its first chunk queued; the rest follow on later turns. */
    create(input: DispatchInput): DispatchSummary {
      const { run, created } = createAndQueueFirst(input);
      deps.onQueued?.();
      if (run) queue.follow(run);
      return created;
    },

    summary,
    list: (limit = 20) => (q.list.all(limit) as { id: number }[]).map((d) => summary(d.id)),

    /** Holds the queued copies; queuing stops before its next chunk, `to_queue` kept for resume. */
    pause(id: number): DispatchSummary {
      const paused = holdAll(id);
      deps.withdraw?.(id);
      return paused;
    },
    resume(id: number): DispatchSummary {
      const { run, resumed } = resumeAndRestart(id);
      if (run) queue.follow(run);
      return resumed;
    },
    cancel(id: number): DispatchSummary {
      const cancelled = cancelAll(id);
      deps.withdraw?.(id);
      return cancelled;
    },

    /**
     * Carries on the merges the app stopped in the middle of (call when the sender starts). One
     * whose settings no longer let mail leave waits, with a dashboard notice saying why.
     */
    resumeQueuing(): void {
      for (const { id } of q.unfinished.all() as { id: number }[]) {
        try {
          queue.follow(queue.again(id));
        } catch (err) {
          if (!(err instanceof ApiError)) throw err;
          notice('dispatch_queuing', `A dispatch stopped mid-merge waits: ${err.message} Then pause and resume it.`, now());
        }
      }
    },
    /** Before the database closes: no chunk after this; the next start carries on. */
    stopQueuing: queue.stop,
  };
}
