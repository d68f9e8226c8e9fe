// What a person's first open or click of a copy tells the user, as desktop notifications. Pure:
// the store (first-activity-store.ts) decides what is first; this only words and groups it.
import type { DesktopNotification } from '../api/contract';
import { roughDuration } from '../domain/elapsed-words';
import { withoutFields } from '../domain/merge-fields';
import { splitBatch } from './batch-cap';

/** A recipient copy's first counted open or click, as the relay sync stored it. */
export interface FirstActivity {
  recipientId: number;
  emailId: number;
  kind: 'open' | 'click';
  at: number;
  /** When this copy left (its last attempt); null if unknown. */
  sentAt: number | null;
  /** The contact's name, else the name in the address, else the address. */
  contact: string;
  subject: string;
  dispatchId: number | null;
  /** The dispatch's subject as written, fields and all; null for a single email. */
  dispatchSubject: string | null;
}

/** More than this many of one kind for one dispatch in a sync are summed up in one notification. */
export const MAX_SINGLE_PER_DISPATCH = 2;

const VERB = { open: 'opened', click: 'clicked' } as const;
const WHAT = { open: (subject: string) => `opened “${subject}”`, click: (subject: string) => `clicked a link in “${subject}”` } as const;

function single(a: FirstActivity): DesktopNotification {
  const when = a.sentAt === null ? '' : ` ${roughDuration(Math.max(0, a.at - a.sentAt))} after sending`;
  return { id: `${a.kind}:${a.recipientId}`, title: `${a.contact} ${WHAT[a.kind](a.subject)}`, body: `${VERB[a.kind]}${when}`, opens: { emailId: a.emailId } };
}

const names = (list: readonly FirstActivity[]) =>
  list.length <= 3 ? list.map((a) => a.contact).join(', ') : `${list.slice(0, 2).map((a) => a.contact).join(', ')} and ${list.length - 2} others`;

/** Several of one kind in one dispatch: named by the dispatch's subject as nobody in particular reads it. */
function summary(list: readonly FirstActivity[], dispatchId: number): DesktopNotification {
  const first = list[0]!;
  const subject = withoutFields(first.dispatchSubject ?? '') || first.subject;
  return { id: `${first.kind}:dispatch:${dispatchId}:${first.recipientId}`, title: `${list.length} people ${WHAT[first.kind](subject)}`, body: names(list), opens: { dispatchId } };
}

const dispatchKey = (a: FirstActivity) => `${a.kind}:${a.dispatchId}`;

/**
 * One sync's firsts as notifications: one each, except several of one kind in one dispatch, which
 * become one summary; past `MAX_PER_BATCH` the rest are counted in a last one that opens the Outbox.
 */
export function activityNotifications(firsts: readonly FirstActivity[]): DesktopNotification[] {
  const byDispatch = new Map<string, FirstActivity[]>();
  for (const a of firsts) if (a.dispatchId !== null) byDispatch.set(dispatchKey(a), [...(byDispatch.get(dispatchKey(a)) ?? []), a]);
  // A summed-up dispatch stands where its first stood.
  const units: { note: DesktopNotification; about: readonly FirstActivity[] }[] = [];
  for (const a of firsts) {
    const group = a.dispatchId === null ? [a] : byDispatch.get(dispatchKey(a))!;
    if (group.length <= MAX_SINGLE_PER_DISPATCH) units.push({ note: single(a), about: [a] });
    else if (group[0] === a) units.push({ note: summary(group, a.dispatchId!), about: group });
  }
  const { own, rest } = splitBatch(units);
  const notes = own.map((u) => u.note);
  if (rest.length === 0) return notes;
  const people = new Set(rest.flatMap((u) => u.about.map((a) => a.recipientId))).size;
  return [...notes, {
    id: `more:${rest[0]!.note.id}`, title: `${people} more ${people === 1 ? 'person' : 'people'} opened or clicked your emails`,
    body: 'Each one is in the Outbox.', opens: { section: 'outbox' },
  }];
}
