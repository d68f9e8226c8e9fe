import { useState } from 'react';
import { useCall } from '../api/use-call';
import { ErrorBanner } from '../components/form';
import { href } from '../routes';
import { ContactForm } from './ContactForm';
import { ContactTimeline } from '../history/ContactTimeline';

export function Contacts({ selected }: { selected: string | null }) {
  const [search, setSearch] = useState('');
  const list = useCall('contacts.list', { search });
  // A form that creates an item is replaced by that item's form: tell the new one it was just saved.
  const [created, setCreated] = useState<number | null>(null);
  return (
    <section className="split">
      <div className="list-pane">
        <div className="toolbar">
          <h1>Contacts</h1>
          <a className="button primary" href={href('contacts', 'new')}>New contact</a>
        </div>
        <input type="search" placeholder="Search name, company or address" aria-label="Search contacts" value={search} onChange={(e) => setSearch(e.target.value)} />
        <ErrorBanner error={list.error} />
        <ul className="item-list" aria-label="Contact list">
          {list.data?.map((c) => (
            <li key={c.id} className={selected === String(c.id) ? 'selected' : undefined}>
              <a href={href('contacts', c.id)}>
                <strong>{c.name}</strong>
                {c.company && <span className="muted"> · {c.company}</span>}
                <div className="muted small">{c.emails.join(', ') || 'no address'}</div>
              </a>
            </li>
          ))}
          {list.data?.length === 0 && <li className="muted">{search ? 'No contact matches.' : 'No contacts yet.'}</li>}
        </ul>
      </div>
      <div className="detail-pane">
        {selected ? <ContactForm key={selected} id={selected === 'new' ? null : Number(selected)} justCreated={created === Number(selected)} onChanged={(newId) => (setCreated(newId ?? null), list.reload())} /> : <p className="muted">Choose a contact or create one.</p>}
        {selected && selected !== 'new' && <ContactTimeline key={selected} contactId={Number(selected)} />}
      </div>
    </section>
  );
}
