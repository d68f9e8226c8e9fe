import type { z } from 'zod';
import { dispatchInput } from '../api/schemas';
import { checkRecipients } from '../domain/recipient-checks';
import { mergeValues } from '../domain/merge-fields';
import { fillText } from '../templates/fill-email';
import { noticeBoard } from '../store/notices';
import { prepareAll } from '../store/prepare';
import { tags } from '../tracking/html-tokens';
import { emailInserter, type EmailDraft, type SendContext } from './insert-email';
import { mergeList, type ListContact } from './merge-list';
import { recipientSource } from './recipient-source';
import { decodeAttachments, draftOf, sendContext, type ComposeDeps } from './compose';

export type DispatchInput = z.output<typeof dispatchInput>;

/** Contacts queued in create()'s own transaction: a small merge is whole when create returns. */
const FIRST_CHUNK = 200;
/** Contacts per later transaction: at ~140 µs each, ~35 ms in which the app's only thread serves nothing else. */
const CHUNK = 250;

export interface QueueDeps extends ComposeDeps {
  /** Runs the next chunk on a later turn of the event loop; tests step it by hand. */
  schedule?: (next: () => void) => void;
  /** Called after each committed chunk: the sender has new copies to look at. */
  onQueued?: () => void;
}

/** A merge being queued by this process: what every chunk needs, worked out once. */
interface Run {
  id: number;
  input: DispatchInput;
  ctx: SendContext;
  attachments: EmailDraft['attachments'];
  /** The addresses that got a copy in the dispatch so far, for the Duplicate check. */
  seen: Set<string>;
  /** The last contact this run queued: the next chunk's walk starts after it. */
  after: ListContact | null;
  /** Finds each merged body's links: the template's, once, when merging cannot change them. */
  links: (html: string) => string[];
}

/**
 * Merge fields fill HTML with escaped text (no '<', '>', quotes or '&' of its own), so a field
 * outside every tag cannot add, drop or change a link: the template's links are every merged
 * body's. A field inside a tag (an href, a base) can, and each body is read on its own.
 */
function linksOfMerge(template: string, extractLinks: (html: string) => string[]): (html: string) => string[] {
  for (const tag of tags(template)) {
    if (template.slice(tag.start, tag.end).includes('{{')) return extractLinks;
  }
  const links = extractLinks(template);
  return () => links;
}

const SQL = {
  state: `SELECT status, to_queue AS toQueue FROM dispatches WHERE id = ?`,
  input: `SELECT merge_input AS input FROM dispatches WHERE id = ?`,
  setToQueue: `UPDATE dispatches SET to_queue = ? WHERE id = ?`,
  // Only addresses that passed the checks: those are the ones checkRecipients adds to `seen`.
  seen: `SELECT r.address_norm AS norm FROM emails e JOIN recipients r ON r.email_id = e.id WHERE e.dispatch_id = ? AND r.copy_id IS NOT NULL`,
} as const;

/** Queues a mail merge, one email per contact: the first chunk at once, the rest chunk by chunk. */
export function mergeQueue(deps: QueueDeps) {
  const q = prepareAll(deps.db, SQL);
  const list = mergeList(deps.db);
  const source = recipientSource(deps.db);
  const insert = emailInserter(deps.db, source);
  const now = deps.now ?? Date.now;
  const schedule = deps.schedule ?? setImmediate;
  const notice = noticeBoard(deps.db);
  // Dispatches with a run under way here: one run each, or two `seen` sets would miss duplicates.
  const running = new Set<number>();
  let stopped = false;

  function queueContact(run: Run, c: ListContact, ctx: SendContext): void {
    const { input } = run;
    const body = fillText(input, mergeValues(c));
    const candidate = { kind: 'to' as const, contactId: c.id, name: c.name, address: c.address };
    const checked = checkRecipients([candidate], { purpose: input.filter.purpose, isBlocked: source.isBlocked, deactivation: source.deactivation, complaint: source.complaint, seen: run.seen });
    insert(draftOf(body, run.links, { shootId: input.filter.shootId, dispatchId: run.id, attachments: run.attachments }), checked, ctx);
  }

  /** Queues up to `limit` more contacts; inside a transaction. Returns how many are left. */
  function queueNext(run: Run, toQueue: number, limit: number): number {
    // One more than taken tells whether anyone is left: the list may have changed since it was counted.
    let rows = list.notIn(run.input.filter, run.id, limit + 1, run.after);
    if (rows.length <= limit && run.after) {
      // The end of the list: one walk from the top for anyone who joined it before the cursor.
      run.after = null;
      rows = list.notIn(run.input.filter, run.id, limit + 1);
    }
    const ctx = { ...run.ctx, now: now() };
    const taken = rows.slice(0, limit);
    for (const c of taken) queueContact(run, c, ctx);
    run.after = taken.at(-1) ?? run.after;
    const left = rows.length > limit ? Math.max(toQueue - limit, 1) : 0;
    q.setToQueue.run(left, run.id);
    return left;
  }

  function runOf(id: number, input: DispatchInput, ctx: SendContext): Run {
    const seen = new Set((q.seen.all(id) as { norm: string }[]).map((r) => r.norm));
    return { id, input, ctx, attachments: decodeAttachments(input), seen, after: null, links: linksOfMerge(input.bodyHtml, deps.extractLinks) };
  }

  /** One later chunk, or null when the dispatch was paused, cancelled or finished since the last. */
  const chunk = deps.db.transaction((run: Run): number | null => {
    const d = q.state.get(run.id) as { status: string; toQueue: number };
    return d.status === 'sending' && d.toQueue > 0 ? queueNext(run, d.toQueue, CHUNK) : null;
  });

  return {
    /** Queues a new dispatch's first chunk; inside create()'s transaction. The run to follow() if any are left. */
    first(id: number, input: DispatchInput, ctx: SendContext, toQueue: number): Run | null {
      const run = runOf(id, input, ctx);
      return queueNext(run, toQueue, FIRST_CHUNK) > 0 ? run : null;
    },

    /**
     * A run for a dispatch whose queuing stopped (paused, or the app stopped mid-merge), with the
     * settings as they are now: throws, like create(), when they no longer let mail leave.
     */
    again(id: number): Run {
      const d = q.input.get(id) as { input: string };
      const input = dispatchInput.parse(JSON.parse(d.input));
      return runOf(id, input, sendContext(deps.settings(), input.tracking, now()));
    },

    /** Queues the rest chunk by chunk; call once the transaction that made the run has committed. */
    follow(run: Run): void {
      // Paused and resumed before its next chunk: the run under way carries on.
      if (running.has(run.id)) return;
      running.add(run.id);
      const turn = () => {
        let left: number | null = null;
        try {
          if (!stopped) left = chunk(run);
        } catch (err) {
          // The chunk rolled back whole; to_queue still counts the rest for a resume or the next start.
          notice('dispatch_queuing', `Queuing "${run.input.subject}" stopped: ${(err as Error).message}. Pause and resume the dispatch to carry on.`, now());
        } finally {
          if (!left) running.delete(run.id);
        }
        if (left === null) return;
        deps.onQueued?.();
        if (left > 0) schedule(turn);
      };
      schedule(turn);
    },

    /** No chunk after this (the database is closing); `to_queue` tells the next start what is left. */
    stop(): void {
      stopped = true;
    },
  };
}
