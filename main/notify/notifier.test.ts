import { afterEach, describe, expect, it } from 'vitest';
import type { DesktopNotification } from '../api/contract';
import { composeInput } from '../api/schemas';
import { setup } from '../compose/test-setup';
import { remindersStore } from '../reminders/reminders-store';
import type { FirstActivity } from './first-activity';
import { createNotifier, type Notifier } from './notifier';
import type { NotificationSettings } from './quiet-hours';

const DAY = 86_400_000;
const SENT = 1_000; // test-setup's clock
const ON: NotificationSettings = { enabled: true, quietHours: false, quietFrom: '22:00', quietTo: '07:00' };
const hhmm = (at: number) => `${String(new Date(at).getHours()).padStart(2, '0')}:${String(new Date(at).getMinutes()).padStart(2, '0')}`;
/** An hour of quiet from the time of day of the test's clock, which only moves by whole days. */
const QUIET: NotificationSettings = { ...ON, quietHours: true, quietFrom: hhmm(SENT), quietTo: hhmm(SENT + 3_600_000) };
const settle = () => new Promise((r) => setTimeout(r, 5));

const open: FirstActivity = {
  recipientId: 1, emailId: 2, kind: 'open', at: SENT + 60_000, sentAt: SENT, contact: 'Ann Lee', subject: 'Proofs', dispatchId: null, dispatchSubject: null,
};

let notifier: Notifier | undefined;
afterEach(() => notifier?.close());

/** A notifier over a real database with one email whose "if not replied" follow-up is due after a day. */
function world(settings: () => NotificationSettings, log?: (message: string, err: unknown) => void) {
  const t = setup();
  const ann = t.add('Ann Lee', 'ann@example.com');
  t.send(composeInput.parse({ to: [{ contactId: ann }], subject: 'Proofs', bodyText: 'Hello', tracking: 'opens', remind: { unless: 'replied', days: 1 } }));
  const reminders = remindersStore(t.db);
  let clock = SENT;
  notifier = createNotifier({ settings, now: () => clock, newlyDue: reminders.newlyDue, log });
  const heard: DesktopNotification[] = [];
  return { notifier, heard, listen: () => notifier!.subscribe((n) => heard.push(n)), later: (ms: number) => void (clock += ms), reminders };
}

describe('notifier', () => {
  it("tells every listener a sync's firsts; nothing while off or in quiet hours", () => {
    let settings = ON;
    const w = world(() => settings);
    const other: DesktopNotification[] = [];
    w.listen();
    w.notifier.subscribe((n) => other.push(n));
    w.notifier.firsts([open]);
    expect(w.heard.map((n) => n.title)).toEqual(['Ann Lee opened “Proofs”']);
    expect(other).toEqual(w.heard);
    settings = { ...ON, enabled: false };
    w.notifier.firsts([open]);
    settings = QUIET;
    w.notifier.firsts([open]);
    expect(w.heard).toHaveLength(1);
  });

  it('keeps due follow-ups until someone can be told, then tells them once', async () => {
    const w = world(() => ON);
    w.later(2 * DAY);
    w.notifier.checkReminders();
    const off = w.listen();
    await settle();
    expect(w.heard.map((n) => n.title)).toEqual(['Follow up: Ann Lee hasn\'t replied to “Proofs” in 2 days']);
    w.notifier.checkReminders();
    off();
    w.listen();
    await settle();
    expect(w.heard).toHaveLength(1);
  });

  it('holds due follow-ups through quiet hours and tells them after; with notifications off they are dropped, not saved up', async () => {
    let settings = QUIET;
    const w = world(() => settings);
    w.listen();
    w.later(2 * DAY);
    w.notifier.checkReminders();
    await settle();
    expect(w.heard).toEqual([]);
    settings = ON;
    w.notifier.checkReminders();
    expect(w.heard).toHaveLength(1);

    w.reminders.snooze(1, 1, SENT + 2 * DAY);
    w.later(2 * DAY);
    settings = { ...ON, enabled: false };
    w.notifier.checkReminders();
    settings = ON;
    w.notifier.checkReminders();
    expect(w.heard).toHaveLength(1);
  });

  it('a listener that throws does not keep the others from hearing', () => {
    const errors: unknown[] = [];
    const w = world(() => ON, (_m, err) => errors.push(err));
    w.notifier.subscribe(() => {
      throw new Error('page gone');
    });
    w.listen();
    w.notifier.firsts([open]);
    expect(w.heard).toHaveLength(1);
    expect(errors).toEqual([new Error('page gone')]);
  });
});
