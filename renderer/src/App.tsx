import { SECTIONS, href, useRoute } from './routes';
import { Dashboard } from './sections/Dashboard';
import { Outbox } from './sections/Outbox';
import { Shoots } from './sections/Shoots';
import { Contacts } from './sections/Contacts';
import { PreferencesSection } from './sections/Preferences';

export function App() {
  const route = useRoute();
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
        {route.section === 'outbox' && <Outbox />}
        {route.section === 'shoots' && <Shoots selected={route.item} />}
        {route.section === 'contacts' && <Contacts selected={route.item} />}
        {route.section === 'preferences' && <PreferencesSection />}
      </main>
    </div>
  );
}
