import { useEffect, useState } from 'react';
import type { Consent, Contact } from '../../../main/api/contract';
import { contactInput, CONSENTS, PURPOSE_SUGGESTIONS } from '../../../main/api/schemas';
import { call } from '../api/client';
import { asCallError } from '../api/use-call';
import { ErrorBanner, Field, FormMessage, formatTime, useSubmit } from '../components/form';
import { navigate } from '../routes';
import { ReactivateButton } from '../failed/ReactivateButton';

/** `note` and `deactivated` are shown, never sent: the core keeps them. */
interface AddressDraft {
  id?: number; email: string; purposes: string[]; consent: Consent; note?: string;
  /** A hard bounce deactivated the address as stored (`email` is the stored spelling, for Reactivate). */
  deactivated?: { at: number; reason: string | null; email: string };
}
interface Draft { name: string; company: string; phone: string; notes: string; addresses: AddressDraft[] }

const EMPTY: Draft = { name: '', company: '', phone: '', notes: '', addresses: [{ email: '', purposes: ['client mail'], consent: 'unknown' }] };

function toDraft(c: Contact): Draft {
  return {
    name: c.name, company: c.company, phone: c.phone, notes: c.notes,
    addresses: c.addresses.map((a) => ({
      id: a.id, email: a.email, purposes: a.purposes, consent: a.consent,
      note: a.blocked ? 'blocked' : '',
      deactivated: a.deactivatedAt ? { at: a.deactivatedAt, reason: a.deactivatedReason, email: a.email } : undefined,
    })),
  };
}

export function ContactForm({ id, justCreated, onChanged }: { id: number | null; justCreated: boolean; onChanged: (createdId?: number) => void }) {
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [loadError, setLoadError] = useState<Error>();
  const [saved, setSaved] = useState(justCreated);
  const create = useSubmit('contacts.create', contactInput);
  const update = useSubmit('contacts.update', contactInput);
  const form = id === null ? create : update;

  useEffect(() => {
    if (id !== null) call('contacts.get', { id }).then((c) => setDraft(toDraft(c)), (e: unknown) => setLoadError(asCallError(e)));
  }, [id]);

  const set = (patch: Partial<Draft>) => (setSaved(false), setDraft((d) => ({ ...d, ...patch })));
  const setAddress = (i: number, patch: Partial<AddressDraft>) =>
    set({ addresses: draft.addresses.map((a, j) => (j === i ? { ...a, ...patch } : a)) });

  async function save(e: React.FormEvent) {
    e.preventDefault();
    const input = { ...draft, addresses: draft.addresses.map(({ note: _note, deactivated: _d, ...a }) => a) };
    const result = id === null ? await create.submit(input) : await update.submit({ ...input, id });
    if (!result) return;
    setSaved(true);
    onChanged(id === null ? result.id : undefined);
    if (id === null) navigate('contacts', result.id);
    else setDraft(toDraft(result));
  }

  /** After Reactivate: the addresses' states read again, the user's unsaved edits kept. */
  function reloadStates() {
    if (id === null) return;
    call('contacts.get', { id }).then((c) => {
      const fresh = toDraft(c).addresses;
      setDraft((d) => ({
        ...d,
        addresses: d.addresses.map((a) => {
          const f = fresh.find((x) => x.id !== undefined && x.id === a.id);
          return f ? { ...a, note: f.note, deactivated: f.deactivated } : a;
        }),
      }));
    }, (e: unknown) => setLoadError(asCallError(e)));
  }

  async function remove() {
    if (id === null || !confirm(`Delete ${draft.name}? Their emails stay in the Outbox.`)) return;
    await call('contacts.delete', { id });
    onChanged();
    navigate('contacts');
  }

  if (loadError) return <ErrorBanner error={loadError} />;
  const err = form.errors;
  return (
    <form className="form" onSubmit={save} aria-label="Contact" noValidate>
      <h2>{id === null ? 'New contact' : draft.name || 'Contact'}</h2>
      <Field label="Name" error={err.name}><input value={draft.name} onChange={(e) => set({ name: e.target.value })} /></Field>
      <div className="row">
        <Field label="Company" error={err.company}><input value={draft.company} onChange={(e) => set({ company: e.target.value })} /></Field>
        <Field label="Phone" error={err.phone}><input value={draft.phone} onChange={(e) => set({ phone: e.target.value })} /></Field>
      </div>
      <fieldset>
        <legend>Email addresses</legend>
        {draft.addresses.map((a, i) => (
          <div className="address" key={a.id ?? `new-${i}`} data-testid="address-row">
            <Field label="Address" error={err[`addresses.${i}.email`]} hint={a.note || undefined}>
              <input type="email" value={a.email} onChange={(e) => setAddress(i, { email: e.target.value })} />
            </Field>
            <Field label="Used for" error={err[`addresses.${i}.purposes`]} group>
              <div className="checks">
                {PURPOSE_SUGGESTIONS.map((p) => (
                  <label key={p}>
                    <input type="checkbox" checked={a.purposes.includes(p)}
                      onChange={(e) => setAddress(i, { purposes: e.target.checked ? [...a.purposes, p] : a.purposes.filter((x) => x !== p) })} />
                    {p}
                  </label>
                ))}
              </div>
            </Field>
            <Field label="Tracking consent">
              <select value={a.consent} onChange={(e) => setAddress(i, { consent: e.target.value as Consent })}>
                {CONSENTS.map((c) => <option key={c} value={c}>{c}</option>)}
              </select>
            </Field>
            <button type="button" className="link" onClick={() => set({ addresses: draft.addresses.filter((_, j) => j !== i) })}>Remove</button>
            {a.deactivated && (
              <div className="deactivated">
                <span className="error-text">Deactivated {formatTime(a.deactivated.at)}{a.deactivated.reason ? `: ${a.deactivated.reason}` : ''}</span>
                <ReactivateButton address={a.deactivated.email} onDone={reloadStates} />
              </div>
            )}
          </div>
        ))}
        <button type="button" onClick={() => set({ addresses: [...draft.addresses, { email: '', purposes: ['client mail'], consent: 'unknown' }] })}>Add address</button>
      </fieldset>
      <Field label="Notes" error={err.notes}><textarea rows={4} value={draft.notes} onChange={(e) => set({ notes: e.target.value })} /></Field>
      <FormMessage message={form.message} />
      <div className="actions">
        <button type="submit" className="primary" disabled={form.busy}>Save</button>
        {saved && <span className="ok" role="status">Saved</span>}
        {id !== null && <button type="button" className="danger" onClick={() => void remove()}>Delete</button>}
      </div>
    </form>
  );
}
