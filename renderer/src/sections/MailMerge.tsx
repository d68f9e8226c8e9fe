import { useState } from 'react';
import type { CallInput } from '../../../main/api/contract';
import { dispatchInput, PURPOSE_SUGGESTIONS, SHOOT_STATUSES } from '../../../main/api/schemas';
import { MERGE_FIELDS } from '../../../main/domain/merge-fields';
import { useCall } from '../api/use-call';
import { Field, FormMessage, useSubmit } from '../components/form';
import { DispatchCard } from './DispatchCard';
import { TemplatePreview } from '../templates/TemplatePreview';
import { EMPTY_MESSAGE, MessageFields, useDefaultTracking, type MessageDraft } from './MessageFields';

type Filter = Required<CallInput<'dispatches.preview'>['filter']>;

/** The confirm question: the copies that will really go, and who gets none and why. */
export function confirmText(subject: string, p: { count: number; copies: number; notSent: Record<string, number> }): string {
  const skipped = Object.entries(p.notSent).map(([status, n]) => `${n} ${status}`).join(', ');
  const copies = `${p.copies} cop${p.copies === 1 ? 'y' : 'ies'}`;
  return `Send "${subject}" as ${copies} to ${p.count} contact${p.count === 1 ? '' : 's'}?${skipped ? ` No copy for: ${skipped}.` : ''}`;
}

/** A template with fields, sent as one email per contact of a filtered list. */
export function MailMerge() {
  const [filter, setFilter] = useState<Filter>({ purpose: 'newsletter', search: '', shootId: null, shootStatus: '' });
  const [message, setMessage] = useState<MessageDraft>(EMPTY_MESSAGE);
  const [dispatchId, setDispatchId] = useState<number | null>(null);
  const preview = useCall('dispatches.preview', { filter });
  const shoots = useCall('shoots.list', { search: '' });
  const create = useSubmit('dispatches.create', dispatchInput);
  const trackingBlock = useDefaultTracking((tracking) => setMessage((m) => ({ ...m, tracking })));

  if (dispatchId !== null) return <DispatchCard id={dispatchId} />;

  const setF = (patch: Partial<Filter>) => setFilter((f) => ({ ...f, ...patch }));
  const insertField = (name: string) => setMessage((m) => (m.format === 'text' ? { ...m, bodyText: `${m.bodyText}{{${name}}}` } : m));
  const p = preview.data;

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!p || !confirm(confirmText(message.subject, p))) return;
    const result = await create.submit({ filter, ...message });
    if (result) setDispatchId(result.id);
  }

  return (
    <form className="form wide" aria-label="Mail merge" onSubmit={submit} noValidate>
      <fieldset>
        <legend>Who gets it</legend>
        <div className="row">
          <Field label="Address used for">
            <select aria-label="Address used for" value={filter.purpose} onChange={(e) => setF({ purpose: e.target.value })}>
              {PURPOSE_SUGGESTIONS.map((s) => <option key={s}>{s}</option>)}
            </select>
          </Field>
          <Field label="People of one shoot">
            <select aria-label="People of one shoot" value={filter.shootId ?? ''} onChange={(e) => setF({ shootId: e.target.value ? Number(e.target.value) : null })}>
              <option value="">— any —</option>
              {shoots.data?.map((s) => <option key={s.id} value={s.id}>{s.title}</option>)}
            </select>
          </Field>
          <Field label="Clients of shoots that are">
            <select aria-label="Clients of shoots that are" value={filter.shootStatus} onChange={(e) => setF({ shootStatus: e.target.value as Filter['shootStatus'] })}>
              <option value="">— any —</option>
              {SHOOT_STATUSES.map((s) => <option key={s}>{s}</option>)}
            </select>
          </Field>
          <Field label="Name or company contains"><input aria-label="Name or company contains" value={filter.search} onChange={(e) => setF({ search: e.target.value })} /></Field>
        </div>
        <p className="muted" aria-live="polite">
          {p ? `${p.count} contact${p.count === 1 ? '' : 's'}${p.withoutAddress ? `; ${p.withoutAddress} without an address for ${filter.purpose} (they will show as No Email Selected)` : ''}.` : 'Counting…'}
        </p>
      </fieldset>
      <div className="fields-bar" aria-label="Merge fields">
        Fields: {Object.entries(MERGE_FIELDS).map(([name, title]) => (
          <button type="button" key={name} title={title} onClick={() => insertField(name)}>{`{{${name}}}`}</button>
        ))}
      </div>
      <MessageFields value={message} onChange={(patch) => setMessage((m) => ({ ...m, ...patch }))} errors={create.errors} hint="Fields like {{first_name}} are filled for each contact." trackingBlock={trackingBlock} />
      <TemplatePreview text={message} for={{ kind: 'dispatch', filter }} />
      <FormMessage message={create.message} />
      <div className="actions">
        <button type="submit" className="primary" disabled={create.busy || !p?.count}>Send {p?.copies ?? 0} cop{p?.copies === 1 ? 'y' : 'ies'}</button>
      </div>
    </form>
  );
}
