import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventApplier } from '../tracking/apply-events';
import type { FeedEvent } from '../tracking/relay-feed-client';
import { dropSentEmail, sentEmail, type SentEmail } from '../tracking/sent-email.fixture';

const SENT = Date.parse('2026-03-01T12:00:00Z');
const MINUTE = 60_000;
const DAY = 86_400_000;
const PERSON = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Thunderbird/128.3.0';
const PREFETCH = 'Mozilla/5.0';

let f: SentEmail;
let seq = 0;
const ev = (kind: 'open' | 'click', minutes: number, userAgent = PERSON): FeedEvent => ({
  id: `inst.${++seq}`, kind, emailId: f.emailId, recipientId: f.clientId, at: new Date(SENT + minutes * MINUTE).toISOString(),
  ip: '198.51.100.20', userAgent, method: 'GET', ...(kind === 'click' ? { linkIndex: 0, url: 'https://studio.example/gallery' } : {}),
});
const page = (...events: FeedEvent[]) => ({ events, next: events.at(-1)!.id, more: false });
/** The firsts each page handed out, by kind and minute. */
const told = (apply: ReturnType<typeof eventApplier>, ...events: FeedEvent[]) =>
  apply('relay', page(...events), SENT + DAY).firsts.map((a) => `${a.kind} ${(a.at - SENT) / MINUTE}`);

beforeEach(() => {
  f = sentEmail(SENT);
});
afterEach(() => dropSentEmail(f));

describe('first counted open and click of a copy', () => {
  it('is handed out once, with whom, what and when it was sent', () => {
    const apply = eventApplier(f.db);
    const open = ev('open', 12);
    expect(apply('relay', page(open, ev('open', 13)), SENT + DAY).firsts).toEqual([{
      recipientId: f.clientId, emailId: f.emailId, kind: 'open', at: SENT + 12 * MINUTE, sentAt: SENT,
      contact: 'Ana', subject: 'Your gallery', dispatchId: null, dispatchSubject: null,
    }]);
    expect(told(apply, ev('open', 30))).toEqual([]);
  });

  it('never again: not for a re-applied page, nor after a restart (a new applier on the same file)', () => {
    const events = [ev('open', 12), ev('click', 14)];
    expect(told(eventApplier(f.db), ...events)).toEqual(['open 12', 'click 14']);
    expect(told(eventApplier(f.db), ...events)).toEqual([]);
    expect(told(eventApplier(f.db), ev('open', 60), ev('click', 61))).toEqual([]);
  });

  it("machines never: a privacy prefetch is not first, and the person's open after it still is", () => {
    const apply = eventApplier(f.db);
    expect(told(apply, ev('open', 0.05, PREFETCH))).toEqual([]);
    expect(told(apply, ev('open', 40))).toEqual(['open 40']);
  });

  it('a click before any open stands for the open too: no "opened" after "clicked a link"', () => {
    const apply = eventApplier(f.db);
    expect(told(apply, ev('click', 20))).toEqual(['click 20']);
    expect(told(apply, ev('open', 25))).toEqual([]);
  });

  it('belongs to the copy: the same email to the user themself tells nothing (self)', () => {
    const self = { ...ev('open', 12), recipientId: f.selfId };
    expect(eventApplier(f.db)('relay', page(self), SENT + DAY).firsts).toEqual([]);
  });
});
