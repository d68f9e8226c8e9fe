// Who fetched and what the numbers count, in words: people's views beside every fetch.
import { plural } from '../../../main/domain/plural';

/** The verdicts (main/domain/views.ts) as a user reads them. */
export const VERDICT_WORDS: Record<string, string> = {
  person: 'person', mail_proxy: 'mail proxy', privacy_prefetch: 'privacy prefetch', security_scanner: 'security scanner', self: 'you',
};

/** Events from before Outpost kept its reasons (migration 015) have none. */
export const NO_REASON = 'reason not recorded: judged before reasons were kept';

/** "2 views by people": a person's click counts as a view even when images were blocked. */
export const viewsByPeople = (views: number) => `${plural(views, 'view')} by people`;

/** "5 fetches in all (3 by machines, 1 by you)": every open and click the relay saw. */
export function fetchesInAll(fetches: number, machines: number, own = 0): string {
  const by = [`${machines || 'none'} by machines`, ...(own > 0 ? [`${own} by you`] : [])];
  return `${plural(fetches, 'fetch', 'fetches')} in all (${by.join(', ')})`;
}

/** The Outbox's tooltip of an email's views: whom the number counts, and everything else. */
export const viewsTitle = (r: { totalViews: number; fetches: number; machineFetches: number }) =>
  `${viewsByPeople(r.totalViews)} · ${fetchesInAll(r.fetches, r.machineFetches)}`;
