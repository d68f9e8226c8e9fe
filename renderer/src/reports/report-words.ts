import type { RecipientReport } from '../../../main/api/contract';

/** How a report found its copy, in words; 'address' is the weakest match and says so. */
export function matchedByWords(matchedBy: string | null): string {
  return matchedBy === null ? 'not matched to a recipient' : `matched by ${matchedBy}`;
}

/** What the report did to its copy: the status it set, or that the forward-only rule kept the status. */
export function appliedWords(r: Pick<RecipientReport, 'applied'>): string {
  return r.applied === '' ? 'status kept' : `set to ${r.applied}`;
}

/** Core words like "auto_reply" read as "auto reply". */
export const words = (s: string): string => s.replace(/[_-]+/g, ' ');

/** "12 KB" for a report's size. */
export const kilobytes = (bytes: number): string => `${Math.max(1, Math.ceil(bytes / 1024)).toLocaleString()} KB`;
