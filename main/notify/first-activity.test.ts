import { describe, expect, it } from 'vitest';
import { activityNotifications, MAX_SINGLE_PER_DISPATCH, type FirstActivity } from './first-activity';
import { MAX_PER_BATCH } from './batch-cap';

const SENT = Date.parse('2026-03-01T12:00:00Z');
const MINUTE = 60_000;
let next = 1;

const first = (over: Partial<FirstActivity> = {}): FirstActivity => {
  const id = next++;
  return {
    recipientId: id, emailId: 100 + id, kind: 'open', at: SENT + 12 * MINUTE, sentAt: SENT,
    contact: 'Anna Smith', subject: 'Your gallery', dispatchId: null, dispatchSubject: null, ...over,
  };
};

describe('activityNotifications', () => {
  it("names the contact, the subject and how long after sending, and opens the email's details", () => {
    const open = first();
    const click = first({ kind: 'click', at: SENT + 3 * 3_600_000 });
    expect(activityNotifications([open, click])).toEqual([
      { id: `open:${open.recipientId}`, title: 'Anna Smith opened “Your gallery”', body: 'opened 12 minutes after sending', opens: { emailId: open.emailId } },
      { id: `click:${click.recipientId}`, title: 'Anna Smith clicked a link in “Your gallery”', body: 'clicked 3 hours after sending', opens: { emailId: click.emailId } },
    ]);
  });


  it('leaves the time out when the copy has no sending time', () => {
    expect(activityNotifications([first({ sentAt: null })])[0]!.body).toBe('opened');
  });

  it(`tells up to ${MAX_SINGLE_PER_DISPATCH} of one kind in one dispatch one by one, more in one summary where the first stood`, () => {
    const pair = [first({ dispatchId: 7, contact: 'Ann' }), first({ dispatchId: 7, contact: 'Bo' })];
    expect(activityNotifications(pair).map((n) => n.title)).toEqual(['Ann opened “Your gallery”', 'Bo opened “Your gallery”']);

    const many = ['Ann', 'Bo', 'Cy', 'Di', 'Ed'].map((contact) => first({ dispatchId: 8, contact, subject: `${contact}, our spring news`, dispatchSubject: '{{first_name}}, our spring news' }));
    const single = first({ contact: 'Flo', subject: 'Quote' });
    const click = first({ dispatchId: 8, kind: 'click', contact: 'Ann' });
    expect(activityNotifications([many[0]!, single, ...many.slice(1), click])).toEqual([
      { id: `open:dispatch:8:${many[0]!.recipientId}`, title: '5 people opened “our spring news”', body: 'Ann, Bo and 3 others', opens: { dispatchId: 8 } },
      expect.objectContaining({ title: 'Flo opened “Quote”' }),
      expect.objectContaining({ title: 'Ann clicked a link in “Your gallery”' }),
    ]);
    expect(activityNotifications(many.slice(0, 3))[0]!.body).toBe('Ann, Bo, Cy');
  });

  it(`pops up at most ${MAX_PER_BATCH} at once: the last counts the people left, each once, and opens the Outbox`, () => {
    const opens = ['Ann', 'Bo', 'Cy', 'Di', 'Ed'].map((contact) => first({ contact }));
    const edClicks = first({ kind: 'click', contact: 'Ed', recipientId: opens[4]!.recipientId });
    const notes = activityNotifications([...opens, edClicks]);
    expect(notes).toHaveLength(MAX_PER_BATCH);
    expect(notes.slice(0, 3).map((n) => n.title)).toEqual(['Ann opened “Your gallery”', 'Bo opened “Your gallery”', 'Cy opened “Your gallery”']);
    expect(notes[3]).toMatchObject({ title: '2 more people opened or clicked your emails', opens: { section: 'outbox' } });
    expect(activityNotifications(opens.slice(0, 4)).map((n) => n.title)).toHaveLength(4);
  });
});
