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
}

function parse(hash: string): Route {
  const [section, item] = hash.replace(/^#\/?/, '').split('/');
  const known = SECTIONS.find((s) => s.id === section);
  return { section: known?.id ?? 'dashboard', item: known && item ? decodeURIComponent(item) : null };
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
