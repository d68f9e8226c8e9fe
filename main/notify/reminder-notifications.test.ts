import { describe, expect, it } from 'vitest';
import type { DueReminder } from '../api/contract';
import { MAX_PER_BATCH } from './batch-cap';
import { reminderNotifications } from './reminder-notifications';

const due = (id: number, over: Partial<DueReminder> = {}): DueReminder => ({
  id, emailId: 10 + id, subject: 'Quote', contact: 'Anna', sentAt: 0, daysSinceSent: 3, dueAt: 3 * 86_400_000, unless: 'opened', ...over,
});

describe('reminderNotifications', () => {
  it("say whom, what and how long, by the reminder's kind, and open the email", () => {
    expect(reminderNotifications([due(1), due(2, { unless: 'replied', contact: 'bo@client.example and 1 more', daysSinceSent: 1 })])).toEqual([
      { id: 'reminder:1:259200000', title: 'Follow up: Anna hasn\'t opened “Quote” in 3 days', body: "Only a person's open counts, not a mail program's prefetch or a link scanner.", opens: { emailId: 11 } },
      { id: 'reminder:2:259200000', title: 'Follow up: bo@client.example and 1 more hasn\'t replied to “Quote” in 1 day', body: 'No reply has come to the watched mailbox.', opens: { emailId: 12 } },
    ]);
  });

  it(`pop up at most ${MAX_PER_BATCH} at once; the last counts the rest and opens the dashboard`, () => {
    const notes = reminderNotifications([1, 2, 3, 4, 5, 6].map((id) => due(id)));
    expect(notes).toHaveLength(MAX_PER_BATCH);
    expect(notes[3]).toMatchObject({ title: '3 more follow-ups are due', opens: { section: 'dashboard' } });
  });
});
