// The mail systems we recognize, tried in order; the first whose signature matches reads the report.
import { isReplyOrForward } from '../detect';
import type { Mail } from '../mail';
import { amazonses } from './amazonses';
import { courier } from './courier';
import { domino } from './domino';
import { exchange } from './exchange';
import { exim } from './exim';
import { ezweb } from './ezweb';
import { fml } from './fml';
import { gmail } from './gmail';
import { googlegroups } from './googlegroups';
import { interscan } from './interscan';
import { messagingserver } from './messagingserver';
import { opensmtpd } from './opensmtpd';
import { postfix } from './postfix';
import { qmail } from './qmail';
import { sendmail } from './sendmail';
import type { MailSystem } from './system';
import { yahoo } from './yahoo';

export const SYSTEMS: readonly MailSystem[] = [
  amazonses, googlegroups, gmail, exchange, postfix, exim, qmail, sendmail, yahoo, opensmtpd, courier, domino, messagingserver, fml, interscan, ezweb,
];

/** A report from an unrecognized system is still read with the common separators. */
export const GENERIC: MailSystem = { name: 'generic', detect: () => true };

/**
 * The system that wrote the report. Text signatures count in mail that looks like a report, or
 * in any message that is not a person's reply or forward: a mail system's fixed opening ("This is
 * the mail system at host ...") at the head of a message proves a report whatever its sender or
 * subject says; quoted under a "Re:" or "Fwd:" it proves nothing.
 */
export function detectSystem(mail: Mail, looksLikeReport: boolean): MailSystem | null {
  const text = looksLikeReport || !isReplyOrForward(mail);
  return SYSTEMS.find((s) => (text || s.headerSignature) && s.detect(mail)) ?? null;
}
