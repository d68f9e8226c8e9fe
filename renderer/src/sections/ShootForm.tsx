import { useEffect, useState } from 'react';
import type { Shoot, ShootStatus } from '../../../main/api/contract';
import { shootInput, SHOOT_STATUSES } from '../../../main/api/schemas';
import { call } from '../api/client';
import { asCallError, useCall } from '../api/use-call';
import { ErrorBanner, Field, FormMessage, useSubmit } from '../components/form';
import { navigate } from '../routes';
import { ShootCorrespondence } from '../history/ShootCorrespondence';

interface Draft { title: string; clientId: number | null; shootDate: string | null; location: string; status: ShootStatus; notes: string }
const EMPTY: Draft = { title: '', clientId: null, shootDate: null, location: '', status: 'inquiry', notes: '' };
const toDraft = (s: Shoot): Draft => ({ title: s.title, clientId: s.clientId, shootDate: s.shootDate, location: s.location, status: s.status, notes: s.notes });

export function ShootForm({ id, justCreated, onChanged }: { id: number | null; justCreated: boolean; onChanged: (createdId?: number) => void }) {
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [loadError, setLoadError] = useState<Error>();
  const [saved, setSaved] = useState(justCreated);
  const contacts = useCall('contacts.list', { search: '' });
  const create = useSubmit('shoots.create', shootInput);
  const update = useSubmit('shoots.update', shootInput);
  const form = id === null ? create : update;

  useEffect(() => {
    if (id !== null) call('shoots.get', { id }).then((s) => setDraft(toDraft(s)), (e: unknown) => setLoadError(asCallError(e)));
  }, [id]);

  const set = (patch: Partial<Draft>) => (setSaved(false), setDraft((d) => ({ ...d, ...patch })));

  async function save(e: React.FormEvent) {
    e.preventDefault();
    const result = id === null ? await create.submit(draft) : await update.submit({ ...draft, id });
    if (!result) return;
    setSaved(true);
    onChanged(id === null ? result.id : undefined);
    if (id === null) navigate('shoots', result.id);
  }

  async function remove() {
    if (id === null || !confirm(`Delete the shoot "${draft.title}"? Its emails stay in the Outbox.`)) return;
    await call('shoots.delete', { id });
    onChanged();
    navigate('shoots');
  }

  if (loadError) return <ErrorBanner error={loadError} />;
  const err = form.errors;
  return (
    <>
      <form className="form" onSubmit={save} aria-label="Shoot" noValidate>
        <h2>{id === null ? 'New shoot' : draft.title || 'Shoot'}</h2>
        <Field label="Title" error={err.title}><input value={draft.title} onChange={(e) => set({ title: e.target.value })} /></Field>
        <div className="row">
          <Field label="Client" error={err.clientId}>
            <select value={draft.clientId ?? ''} onChange={(e) => set({ clientId: e.target.value ? Number(e.target.value) : null })}>
              <option value="">— none —</option>
              {contacts.data?.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
            </select>
          </Field>
          <Field label="Date" error={err.shootDate}>
            <input type="date" value={draft.shootDate ?? ''} onChange={(e) => set({ shootDate: e.target.value || null })} />
          </Field>
          <Field label="Status" error={err.status}>
            <select value={draft.status} onChange={(e) => set({ status: e.target.value as ShootStatus })}>
              {SHOOT_STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
            </select>
          </Field>
        </div>
        <Field label="Location" error={err.location}><input value={draft.location} onChange={(e) => set({ location: e.target.value })} /></Field>
        <Field label="Notes" error={err.notes}><textarea rows={3} value={draft.notes} onChange={(e) => set({ notes: e.target.value })} /></Field>
        <FormMessage message={form.message} />
        <div className="actions">
          <button type="submit" className="primary" disabled={form.busy}>Save</button>
          {saved && <span className="ok" role="status">Saved</span>}
          {id !== null && <button type="button" className="danger" onClick={() => void remove()}>Delete</button>}
        </div>
      </form>
      {id !== null && <ShootCorrespondence shootId={id} />}
    </>
  );
}
