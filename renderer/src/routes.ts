import { useEffect, useState } from 'react';

export const SECTIONS = [
  { id: 'dashboard', label: 'Dashboard' },
  { id: 'outbox', label: 'Outbox' },
  { id: 'failed', label: 'Failed' },
  { id: 'compose', label: 'Compose' },
  { id: 'shoots', label: 'Shoots' },
  { id: 'contacts', label: 'Contacts' },
  { id: 'preferences', label: 'Preferences' },
] as const;
export type SectionId = (typeof SECTIONS)[number]['id'];

export interface Route {
  section: SectionId;
  /** The selected item within the section (a contact or shoot id, "new", or an email id in Outbox and Failed). */
  item: string | null;
  /** What follows "?": a section's filters, so a link can open a filtered view (see outboxHref). */
  query: URLSearchParams;
}

function parse(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#\/?/, '').split('?');
  const [section, item] = path.split('/');
  const known = SECTIONS.find((s) => s.id === section);
  return { section: known?.id ?? 'dashboard', item: known && item ? decodeURIComponent(item) : null, query: new URLSearchParams(search) };
}

export function href(section: SectionId, item?: string | number): string {
  return `#/${section}${item === undefined ? '' : `/${encodeURIComponent(String(item))}`}`;
}

/** Hash routing: a route survives reload and works the same under file:// and http://. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parse(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parse(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export function navigate(section: SectionId, item?: string | number) {
  location.hash = href(section, item);
}

/** Filters the Outbox opens with: a dispatch card's counts link to its recipients by these. */
export interface OutboxLinkFilter {
  dispatchId?: number;
  /** Any of these statuses. */
  statuses?: readonly string[];
  viewed?: string;
  /** Only copies a person clicked a link in. */
  clicked?: boolean;
  search?: string;
}

export function outboxHref(filter: OutboxLinkFilter): string {
  const query = new URLSearchParams();
  if (filter.dispatchId !== undefined) query.set('dispatch', String(filter.dispatchId));
  if (filter.statuses?.length) query.set('status', filter.statuses.join(','));
  if (filter.viewed) query.set('viewed', filter.viewed);
  if (filter.clicked) query.set('clicked', '1');
  if (filter.search) query.set('search', filter.search);
  const text = query.toString();
  return `${href('outbox')}${text ? `?${text}` : ''}`;
}
