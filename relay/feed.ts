// The app's event feed: Bearer authentication, cursors and the JSON page (see README.md).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { StoredEvent } from './event-store';

export const DEFAULT_PAGE = 100;
/** Response header of every feed answer: the requester's address exactly as its events would store it. */
export const CLIENT_IP_HEADER = 'x-outpost-client-ip';
export const MAX_PAGE = 1000;

export interface FeedEvent {
  id: string;
  kind: 'open' | 'click';
  emailId: number;
  recipientId: number;
  linkIndex?: number;
  url?: string;
  at: string;
  ip: string;
  userAgent: string;
  method: 'GET' | 'HEAD';
}

export interface FeedPage {
  events: FeedEvent[];
  next: string;
  more: boolean;
}

export interface FeedQuery {
  afterRowId: number;
  limit: number;
}

/** Constant-time check of an Authorization header against the expected Bearer key. */
export function isAuthorized(header: string | undefined, key: string): boolean {
  // Hashing first gives equal lengths, so the comparison leaks nothing about the key.
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return header !== undefined && timingSafeEqual(digest(header), digest(`Bearer ${key}`));
}

/**
 * Reads `after` and `limit`. A cursor from another database instance (the relay's file was
 * replaced) restarts from the beginning; the app's idempotent ids absorb the repeat.
 */
export function parseFeedQuery(search: URLSearchParams, instance: string): FeedQuery | string {
  const after = search.get('after') ?? '';
  const limitText = search.get('limit');
  const limit = limitText === null ? DEFAULT_PAGE : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) return `limit must be an integer from 1 to ${MAX_PAGE}`;
  if (after === '') return { afterRowId: 0, limit };
  const match = /^([A-Za-z0-9_-]{1,32})\.(\d{1,16})$/.exec(after);
  if (match === null) return 'after must be a cursor returned by this feed';
  return { afterRowId: match[1] === instance ? Number(match[2]) : 0, limit };
}

/** Builds a page from up to limit + 1 rows (the extra row only says there is more). */
export function feedPage(rows: readonly StoredEvent[], query: FeedQuery, instance: string): FeedPage {
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    events: page.map((e) => toFeedEvent(e, instance)),
    next: cursor(instance, last?.rowId ?? query.afterRowId),
    more: rows.length > query.limit,
  };
}

function cursor(instance: string, rowId: number): string {
  return `${instance}.${rowId}`;
}

function toFeedEvent(e: StoredEvent, instance: string): FeedEvent {
  return {
    id: cursor(instance, e.rowId),
    kind: e.kind,
    emailId: e.emailId,
    recipientId: e.recipientId,
    ...(e.kind === 'click' ? { linkIndex: e.linkIndex ?? 0, url: e.url ?? '' } : {}),
    at: new Date(e.at).toISOString(),
    ip: e.ip,
    userAgent: e.userAgent,
    method: e.method,
  };
}
