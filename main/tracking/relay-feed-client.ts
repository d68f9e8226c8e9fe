// Reads one page of the relay's event feed (relay/README.md, "Event feed"). Everything the relay
// answers is validated here; any surprise becomes a RelayError whose message the user can act on.
import { isIP } from 'node:net';
import { z } from 'zod';
import { MAX_IP_TEXT } from '../../relay/client-ip';
import { CLIENT_IP_HEADER } from '../../relay/feed';
import { feedKey } from '../../relay/token';

export const FEED_TIMEOUT_MS = 10_000;
export const FEED_PAGE_LIMIT = 500;

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const feedEvent = z.object({
  id: z.string().min(1).max(64),
  kind: z.enum(['open', 'click']),
  emailId: id,
  recipientId: id,
  linkIndex: z.number().int().min(0).optional(),
  url: z.string().max(4096).optional(),
  at: z.iso.datetime(),
  ip: z.string().max(64),
  userAgent: z.string().max(2048),
  method: z.enum(['GET', 'HEAD']),
});
const feedPage = z.object({
  events: z.array(feedEvent).max(1000),
  next: z.string().min(1).max(64),
  more: z.boolean(),
});

export type FeedEvent = z.infer<typeof feedEvent>;
export type FeedPage = z.infer<typeof feedPage>;

export interface FeedAnswer {
  page: FeedPage;
  /** This app's address as the relay stores it for events (`x-outpost-client-ip`); null when absent or not one IP address. */
  clientIp: string | null;
}

/** A failure talking to the relay, worded for the user. */
export class RelayError extends Error {
  override name = 'RelayError';
}

export type Fetch = typeof fetch;

export interface FeedRequest {
  relayUrl: string;
  relaySecret: string;
  after: string | null;
  limit?: number;
  fetch?: Fetch;
  timeoutMs?: number;
}

export const trimRelayUrl = (url: string) => url.trim().replace(/\/+$/, '');

/** GET with a timeout; network failures come back as RelayError in words. */
export async function relayGet(url: string, base: string, init: { headers?: Record<string, string>; fetch?: Fetch; timeoutMs?: number } = {}): Promise<Response> {
  const doFetch = init.fetch ?? fetch;
  try {
    return await doFetch(url, { headers: init.headers, signal: AbortSignal.timeout(init.timeoutMs ?? FEED_TIMEOUT_MS), redirect: 'error' });
  } catch (err) {
    throw new RelayError(`the relay at ${base} is not reachable (${networkReason(err)})`);
  }
}

function networkReason(err: unknown): string {
  const e = err as { name?: string; cause?: { code?: string; message?: string }; message?: string };
  if (e.name === 'TimeoutError') return 'no answer within the time limit';
  const code = e.cause?.code;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found';
  if (code === 'ECONNRESET') return 'connection reset';
  if (code) return code;
  return e.cause?.message ?? e.message ?? 'network error';
}

/** HTTP statuses other than 200, in words. */
export async function statusProblem(res: Response, base: string): Promise<string> {
  if (res.status === 401) return 'the relay refused the secret: check Preferences';
  if (res.status === 404) return `${base} has no event feed (HTTP 404): is it an Outpost relay?`;
  if (res.status === 400) {
    const text = (await res.text().catch(() => '')).slice(0, 200).trim();
    return `the relay refused the request (HTTP 400${text ? `: ${text}` : ''})`;
  }
  if (res.status >= 500) return `the relay at ${base} has a server error (HTTP ${res.status})`;
  return `the relay at ${base} answered HTTP ${res.status}`;
}

/** The relay's word on this app's address, kept only if it is one plain IPv4 or IPv6 address (no zone id, no list). */
export function clientIpHeader(headers: Headers): string | null {
  const value = headers.get(CLIENT_IP_HEADER)?.trim() ?? '';
  return value.length <= MAX_IP_TEXT && !value.includes('%') && isIP(value) !== 0 ? value : null;
}

/** One page after `after` (null: from the oldest event the relay keeps). */
export async function fetchFeedPage(req: FeedRequest): Promise<FeedAnswer> {
  const base = trimRelayUrl(req.relayUrl);
  let key: string;
  try {
    key = feedKey(req.relaySecret);
  } catch (err) {
    throw new RelayError(`the relay secret in Preferences is not valid: ${(err as Error).message}`);
  }
  const query = new URLSearchParams({ limit: String(req.limit ?? FEED_PAGE_LIMIT) });
  if (req.after !== null) query.set('after', req.after);
  const res = await relayGet(`${base}/v1/events?${query}`, base, {
    headers: { authorization: `Bearer ${key}`, accept: 'application/json' }, fetch: req.fetch, timeoutMs: req.timeoutMs,
  });
  if (res.status !== 200) throw new RelayError(await statusProblem(res, base));
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    throw new RelayError(`the relay at ${base} answered something that is not JSON: is it an Outpost relay?`);
  }
  const parsed = feedPage.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? issue.path.join('.') : 'the page';
    throw new RelayError(`the relay at ${base} answered an event page the app cannot read (${where}: ${issue.message})`);
  }
  return { page: parsed.data, clientIp: clientIpHeader(res.headers) };
}
