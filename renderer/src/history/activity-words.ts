import type { ActivityRow } from '../../../main/api/contract';
import { VERDICT_WORDS } from '../outbox/tracking-words';

const by = (a: ActivityRow) => (a.by === 'machine' ? ` by a machine (${VERDICT_WORDS[a.verdict ?? ''] ?? a.verdict})` : ' by a person');

/** One timeline line in words, without its time and email (shown beside it). */
export function activityWords(a: ActivityRow): string {
  const said = a.detail ? `: ${a.detail}` : '';
  switch (a.kind) {
    case 'email_sent': return 'Email sent';
    case 'email_delivered': return `Delivered${said}`;
    case 'email_opened': return `Opened${by(a)}${a.detail ? ` in ${a.detail}` : ''}`;
    case 'link_clicked': return `Clicked ${a.detail || 'a link'}${by(a)}`;
    case 'bounced': return `Bounced${said}`;
    case 'auto_reply': return `Auto-reply${said}`;
    case 'complaint': return `Marked as spam${said}`;
    case 'deactivated': return `Address deactivated${said}`;
    case 'reactivated': return 'Address reactivated';
  }
}
