// The checks made before anything is sent, per recipient. A recipient that fails one gets a
// final never-sent status with the reason in words; the others still go.
import { addressProblem, normalizeAddress } from './address';
import type { NeverSentStatus } from './status';

export interface Candidate {
  kind: 'to' | 'cc' | 'bcc';
  contactId: number | null;
  name: string;
  /** The address to use, or null when the contact has none for this kind of mail. */
  address: string | null;
}

export interface CheckContext {
  /** What the mail is for ("client mail", "newsletter"): named in No Email Selected. */
  purpose: string;
  isBlocked(norm: string): boolean;
  /** Why the address was deactivated (a hard bounce), or null while it is active. */
  deactivation(norm: string): string | null;
  /** Dispatches only: why this address takes no bulk mail (a spam complaint), or null. */
  complaint?(norm: string): string | null;
  /** Addresses already used earlier in the same dispatch (normalized); mutated as we go. */
  seen: Set<string>;
}

export type Checked = Candidate & { norm: string } & ({ ok: true } | { ok: false; status: NeverSentStatus; reason: string });

export function checkRecipients(candidates: readonly Candidate[], ctx: CheckContext): Checked[] {
  return candidates.map((c) => {
    if (c.address === null) {
      return { ...c, norm: '', ok: false, status: 'No Email Selected', reason: `${c.name || 'this contact'} has no address for ${ctx.purpose}` };
    }
    const norm = normalizeAddress(c.address);
    const problem = addressProblem(c.address);
    if (problem) return { ...c, norm, ok: false, status: 'Failed', reason: `invalid address: ${problem}` };
    const deactivated = ctx.deactivation(norm);
    if (deactivated !== null) return { ...c, norm, ok: false, status: 'Failed', reason: `address deactivated: ${deactivated}` };
    const complained = ctx.complaint?.(norm) ?? null;
    if (complained !== null) return { ...c, norm, ok: false, status: 'Blocked', reason: `no dispatches to this address: ${complained}` };
    if (ctx.isBlocked(norm)) return { ...c, norm, ok: false, status: 'Blocked', reason: 'the address is on the blocked list' };
    if (ctx.seen.has(norm)) return { ...c, norm, ok: false, status: 'Duplicate', reason: 'the address already appears in this email' };
    ctx.seen.add(norm);
    return { ...c, norm, ok: true };
  });
}
