import { describe, expect, it } from 'vitest';
import type { ActivityRow } from '../../../main/api/contract';
import { activityWords } from './activity-words';

const row = (over: Partial<ActivityRow>): ActivityRow => ({ id: 1, kind: 'email_sent', at: 0, emailId: 1, subject: 'Hi', detail: '', by: null, verdict: null, ...over });

describe('activityWords', () => {
  it('says whether a person or which machine opened or clicked, and which link', () => {
    expect(activityWords(row({ kind: 'email_opened', detail: 'Thunderbird', by: 'person', verdict: 'person' }))).toBe('Opened by a person in Thunderbird');
    // A machine's open names no program (apply-events.ts).
    expect(activityWords(row({ kind: 'email_opened', detail: '', by: 'machine', verdict: 'privacy_prefetch' }))).toBe('Opened by a machine (privacy prefetch)');
    expect(activityWords(row({ kind: 'link_clicked', detail: 'https://studio.example/gallery', by: 'machine', verdict: 'security_scanner' })))
      .toBe('Clicked https://studio.example/gallery by a machine (security scanner)');
  });
  it('gives the reason of a bounce and an auto-reply', () => {
    expect(activityWords(row({ kind: 'bounced', detail: 'user unknown' }))).toBe('Bounced: user unknown');
    expect(activityWords(row({ kind: 'auto_reply', detail: 'out of office; back 2027-07-01' }))).toBe('Auto-reply: out of office; back 2027-07-01');
    expect(activityWords(row({ kind: 'reactivated', detail: 'reactivated by you', emailId: null }))).toBe('Address reactivated');
  });
});
