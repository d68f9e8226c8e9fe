import type { DispatchCounts } from '../../../main/api/contract';
import { NEVER_SENT, PROGRESS } from '../../../main/domain/status';
import type { OutboxLinkFilter } from '../routes';

/**
 * The numbers on a dispatch card, what each means, and the copies it links to in the Outbox.
 * A copy counts in every number it belongs to: an opened copy was also delivered and sent.
 */
export interface DispatchNumber {
  label: string;
  value: (c: DispatchCounts) => number;
  title: (c: DispatchCounts) => string;
  filter: Omit<OutboxLinkFilter, 'dispatchId'>;
  /** Shown only when not zero. */
  optional?: true;
}

export const DISPATCH_NUMBERS: readonly DispatchNumber[] = [
  {
    label: 'Sent', value: (c) => c.sent, filter: { statuses: PROGRESS.filter((s) => s !== 'Unsent') },
    title: () => 'Handed to your mail server, whatever happened next (delivered, opened or bounced)',
  },
  {
    label: 'Delivered', value: (c) => c.delivered, filter: { statuses: ['Delivered', 'Opened'] },
    title: () => 'Known to be in the mailbox: a delivery report came back, or a person opened it (an opened copy was delivered)',
  },
  {
    label: 'Opened', value: (c) => c.opened, filter: { statuses: ['Opened'] },
    title: () => 'Opened by a person; machines that fetch the image or links (privacy prefetch, link scanners) do not count',
  },
  {
    label: 'Clicked', value: (c) => c.clicked, filter: { statuses: ['Opened'], clicked: true },
    title: () => 'A person followed at least one link',
  },
  {
    label: 'Bounced', value: (c) => c.bounced + c.softBounced, filter: { statuses: ['Bounced', 'Soft Bounced'] },
    title: (c) => `${c.bounced} bounced for good, ${c.softBounced} soft bounced (temporary: may still arrive)`,
  },
  {
    label: 'Failed', value: (c) => c.failed, filter: { statuses: NEVER_SENT.filter((s) => s !== 'Cancelled') },
    title: () => 'Never sent: invalid or deactivated address, blocked, a duplicate, or no address for this kind of mail',
  },
  {
    label: 'Cancelled', value: (c) => c.cancelled, filter: { statuses: ['Cancelled'] }, optional: true,
    title: () => 'Never sent: you cancelled the dispatch before these copies left',
  },
];
