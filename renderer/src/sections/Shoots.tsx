import { useState } from 'react';
import { useCall } from '../api/use-call';
import { ErrorBanner } from '../components/form';
import { href } from '../routes';
import { ShootForm } from './ShootForm';

export function Shoots({ selected }: { selected: string | null }) {
  const [search, setSearch] = useState('');
  const list = useCall('shoots.list', { search });
  // A form that creates an item is replaced by that item's form: tell the new one it was just saved.
  const [created, setCreated] = useState<number | null>(null);
  return (
    <section className="split">
      <div className="list-pane">
        <div className="toolbar">
          <h1>Shoots</h1>
          <a className="button primary" href={href('shoots', 'new')}>New shoot</a>
        </div>
        <input type="search" placeholder="Search title, client or place" aria-label="Search shoots" value={search} onChange={(e) => setSearch(e.target.value)} />
        <ErrorBanner error={list.error} />
        <ul className="item-list" aria-label="Shoot list">
          {list.data?.map((s) => (
            <li key={s.id} className={selected === String(s.id) ? 'selected' : undefined}>
              <a href={href('shoots', s.id)}>
                <strong>{s.title}</strong> <span className={`pill ${s.status}`}>{s.status}</span>
                <div className="muted small">{[s.shootDate, s.clientName, s.location].filter(Boolean).join(' · ')}</div>
              </a>
            </li>
          ))}
          {list.data?.length === 0 && <li className="muted">{search ? 'No shoot matches.' : 'No shoots yet.'}</li>}
        </ul>
      </div>
      <div className="detail-pane">
        {selected ? <ShootForm key={selected} id={selected === 'new' ? null : Number(selected)} justCreated={created === Number(selected)} onChanged={(newId) => (setCreated(newId ?? null), list.reload())} /> : <p className="muted">Choose a shoot or create one.</p>}
      </div>
    </section>
  );
}
