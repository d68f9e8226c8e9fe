import { addressOf } from '../formats/fields';
import type { Mail } from '../mail';
import type { MailSystem, TextRecipient } from './system';
import { has } from './system';

// Amazon SES notifications delivered by SNS email: the report is a JSON document.
interface SesRecipient { emailAddress?: string; status?: string; diagnosticCode?: string; action?: string }
interface SesNotification {
  notificationType?: string; eventType?: string;
  bounce?: { bounceType?: string; bounceSubType?: string; bouncedRecipients?: SesRecipient[]; reportingMTA?: string };
  complaint?: { complainedRecipients?: SesRecipient[] };
  delivery?: { recipients?: string[]; smtpResponse?: string };
}

function readJson(mail: Mail): TextRecipient[] | null {
  const start = mail.text.indexOf('{');
  const end = mail.text.lastIndexOf('}');
  if (start < 0 || end <= start) return null;
  let n: SesNotification;
  try {
    n = JSON.parse(mail.text.slice(start, end + 1).replace(/!\n /g, '')) as SesNotification;
  } catch {
    return null;
  }
  const type = (n.notificationType ?? n.eventType ?? '').toLowerCase();
  if (type === 'bounce' && n.bounce) {
    const sub = `${n.bounce.bounceType ?? ''} ${n.bounce.bounceSubType ?? ''}`;
    return (n.bounce.bouncedRecipients ?? []).slice(0, 100).map((r) => ({
      address: addressOf(r.emailAddress ?? ''),
      text: `${(r.diagnosticCode ?? '').replace(/^smtp;\s*/i, '')} ${/suppress/i.test(sub) ? 'suppression list' : ''}`.trim(),
      status: r.status ?? '',
      action: r.action ?? 'failed',
      host: (n.bounce?.reportingMTA ?? '').replace(/^dns;\s*/i, ''),
    }));
  }
  if (type === 'delivery' && n.delivery) {
    return (n.delivery.recipients ?? []).slice(0, 100).map((a) => ({ address: addressOf(a), text: n.delivery?.smtpResponse ?? '', status: '2.0.0', action: 'delivered' }));
  }
  return null;
}

export const amazonses: MailSystem = {
  name: 'amazonses',
  detect: (m) => has.header(m, 'x-amz-sns-message-id') || has.header(m, 'from', /@sns\.amazonaws\.com/i)
    || has.header(m, 'x-ses-outgoing') || has.phrase(m, '"notificationtype":"bounce"'),
  read: readJson,
  rules: [{ reason: 'suspend', phrases: ['mailbox is disabled'] }],
};
