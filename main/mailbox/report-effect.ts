// What one recipient's verdict in a report does to the copy it matched: DESIGN.md's rules as a
// pure function. advance() then decides whether the status may move (a late report never moves it back).
import type { BounceClass, RecipientVerdict, ReportKind } from '../bounce/types';
import type { RecipientStatus } from '../domain/status';
import { reasonWords } from '../domain/reason-words';

export type ActivityKind = 'email_delivered' | 'bounced' | 'auto_reply' | 'complaint';

export interface ReportEffect {
  /** Where the copy's status should move; null: the report changes no status (a complaint). */
  status: RecipientStatus | null;
  bounceClass: BounceClass | null;
  /** The reason in the words users know, with the server's own words when there are any. */
  words: string;
  /** A hard bounce: the address is deactivated (only if the copy really ends Bounced). */
  deactivate: boolean;
  /** A spam complaint: the address takes no more dispatches. */
  complaint: boolean;
  autoReply: boolean;
  activity: ActivityKind | null;
}

export function effectOf(kind: ReportKind, v: RecipientVerdict): ReportEffect {
  const none = { deactivate: false, complaint: false, autoReply: false };
  const temporary = v.action === 'delayed' || kind === 'delay' || v.status.startsWith('4') || (!v.status && v.replycode.startsWith('4'));
  const words = reasonWords(v.reason, temporary);
  switch (v.class) {
    case 'delivered':
      return { ...none, status: 'Delivered', bounceClass: null, words, activity: 'email_delivered' };
    case 'autoreply':
      return { ...none, autoReply: true, status: 'Delivered', bounceClass: 'autoreply', words, activity: 'auto_reply' };
    case 'feedback':
      return { ...none, complaint: true, status: null, bounceClass: 'feedback', words, activity: 'complaint' };
    case 'hard':
      // A delay report about an unknown user is the server still trying: it is not final yet.
      if (temporary) return { ...none, status: 'Soft Bounced', bounceClass: 'transient', words, activity: 'bounced' };
      return { ...none, deactivate: true, status: 'Bounced', bounceClass: 'hard', words, activity: 'bounced' };
    case 'soft':
    case 'transient':
      return { ...none, status: 'Soft Bounced', bounceClass: v.class, words, activity: 'bounced' };
    case 'blocked':
      return { ...none, status: temporary ? 'Soft Bounced' : 'Bounced', bounceClass: 'blocked', words, activity: 'bounced' };
    default:
      // A failure whose reason is unknown: its code says whether it may still pass.
      return { ...none, status: temporary ? 'Soft Bounced' : 'Bounced', bounceClass: temporary ? 'transient' : 'other', words, activity: 'bounced' };
  }
}
