import type { ReasonRule } from './rule';

// The message is above a per-recipient or per-mailbox size limit (soft).
export const exceedlimit: ReasonRule = {
  reason: 'exceedlimit',
  phrases: [
    'message length exceeds administrative limit', 'exceeds local limit', 'exceeded the size limit of the recipient',
    'message exceeds maximum size permitted by the recipient', 'size exceeds the per-user limit',
    'exceeds recipient limit', 'message too large for this recipient',
  ],
};
