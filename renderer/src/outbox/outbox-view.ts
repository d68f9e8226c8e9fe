import type { CallOutput } from '../../../main/api/contract';
import { RECIPIENT_STATUSES } from '../../../main/api/schemas';

/** What the table shows: sort and filters (the Outbox keeps them, `outbox.view`), and the search. */
export type OutboxView = Omit<CallOutput<'outbox.view'>, 'period'> & { search: string };
export type OutboxFilters = Pick<OutboxView, 'statuses' | 'viewed' | 'dispatchId' | 'from' | 'to'>;

export const NO_FILTERS: OutboxFilters = { statuses: [], viewed: '', dispatchId: null, from: null, to: null };
export const DEFAULT_VIEW: OutboxView = { sort: 'createdAt', direction: 'desc', search: '', ...NO_FILTERS };

const VIEWED = ['Read', 'Unread', 'Failed', 'Untracked'] as const;

/** The filters of a link such as outboxHref makes (`?dispatch=12&status=Sent,Delivered&viewed=Read&search=x`); null without any. */
export function filtersOfLink(query: URLSearchParams): (OutboxFilters & { search: string }) | null {
  if (![...query.keys()].some((k) => ['dispatch', 'status', 'viewed', 'search'].includes(k))) return null;
  const dispatch = Number(query.get('dispatch'));
  const viewed = query.get('viewed') ?? '';
  return {
    ...NO_FILTERS,
    dispatchId: Number.isInteger(dispatch) && dispatch > 0 ? dispatch : null,
    statuses: (query.get('status') ?? '').split(',').filter((s): s is (typeof RECIPIENT_STATUSES)[number] => (RECIPIENT_STATUSES as readonly string[]).includes(s)),
    viewed: (VIEWED as readonly string[]).includes(viewed) ? (viewed as (typeof VIEWED)[number]) : '',
    search: query.get('search') ?? '',
  };
}

/** A local calendar day (`YYYY-MM-DD` of a date input) as the time it starts, and back. */
export const dayStart = (day: string): number | null => (day ? new Date(`${day}T00:00:00`).getTime() : null);
export const dayOf = (ms: number | null): string => {
  if (ms === null) return '';
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
/** "To" is inclusive for the user: the filter runs to the start of the next day. */
export const dayAfter = (day: string): number | null => {
  const start = dayStart(day);
  return start === null ? null : new Date(new Date(start).setDate(new Date(start).getDate() + 1)).getTime();
};
export const dayBefore = (ms: number | null): string => (ms === null ? '' : dayOf(new Date(ms).setDate(new Date(ms).getDate() - 1)));
