import { useEffect } from 'react';
import { call } from './api/client';
import { SECTIONS, href, useRoute } from './routes';
import { Dashboard } from './sections/Dashboard';
import { Outbox } from './outbox/Outbox';
import { FailedSection } from './failed/FailedSection';
import { Compose } from './sections/Compose';
import { Shoots } from './sections/Shoots';
import { Contacts } from './sections/Contacts';
import { PreferencesSection } from './sections/Preferences';
import { useDesktopNotifications } from './notify/use-desktop-notifications';

export function App() {
  const route = useRoute();
  useDesktopNotifications();
  // Opens and clicks are pulled from the relay whenever the user comes back to the app (the core
  // also pulls on a timer); errors show on the Outbox's sync status, not here.
  useEffect(() => {
    const sync = () => void call('tracking.syncNow', {}).catch(() => {});
    window.addEventListener('focus', sync);
    return () => window.removeEventListener('focus', sync);
  }, []);
  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Sections">
        <div className="brand">Outpost</div>
        {SECTIONS.map((s) => (
          <a key={s.id} href={href(s.id)} className={route.section === s.id ? 'active' : undefined} aria-current={route.section === s.id ? 'page' : undefined}>
            {s.label}
          </a>
        ))}
      </nav>
      <main className="content">
        {route.section === 'dashboard' && <Dashboard />}
        {route.section === 'outbox' && <Outbox selected={route.item} query={route.query} />}
        {route.section === 'failed' && <FailedSection selected={route.item} />}
        {route.section === 'compose' && <Compose mode={route.item} />}
        {route.section === 'shoots' && <Shoots selected={route.item} />}
        {route.section === 'contacts' && <Contacts selected={route.item} />}
        {route.section === 'preferences' && <PreferencesSection />}
      </main>
    </div>
  );
}
