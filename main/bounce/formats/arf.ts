// ARF (RFC 5965) feedback reports, and the two common look-alikes: Microsoft's JMRP
// (multipart/mixed with an X-HmXmrOriginalRecipient header in the returned message) and
// Apple Mail's one-click unsubscribe (X-Apple-Unsubscribe), which is an opt-out from a person.
import type { Mail } from '../mail';
import { partText } from '../mime/parse';
import { addressOf, parseFieldGroups } from './fields';

export interface Complaint {
  recipients: string[];
  feedbackType: string;
  host: string;
}

export function readComplaint(mail: Mail): Complaint | null {
  const report = mail.parts.find((p) => p.type === 'message/feedback-report');
  if (report) {
    const groups = parseFieldGroups(partText(report));
    const fields = groups[0] ?? new Map<string, string>();
    // Original-Rcpt-To may repeat; parseFieldGroups keeps the first, so collect lines directly.
    const text = partText(report);
    const rcpts = [...text.matchAll(/^original-rcpt-to\s*:\s*(.{1,320})$/gim)].map((m) => addressOf(m[1] ?? '')).filter(Boolean);
    const returnedTo = mail.returned ? addressOf(mail.returned.headers.get('to')) : '';
    return {
      recipients: rcpts.length ? rcpts : [returnedTo],
      feedbackType: (fields.get('feedback-type') ?? '').toLowerCase(),
      host: (fields.get('reporting-mta') ?? '').replace(/^[^;]*;/, '').trim(),
    };
  }
  const jmrp = mail.returned?.headers.raw('x-hmxmroriginalrecipient');
  if (jmrp) return { recipients: [addressOf(jmrp)], feedbackType: 'abuse', host: '' };
  if (/^true$/i.test(mail.headers.raw('x-apple-unsubscribe'))) {
    return { recipients: [addressOf(mail.headers.get('from'))], feedbackType: 'opt-out', host: '' };
  }
  return null;
}
