import { useState } from 'react';
import type { Template } from '../../../main/api/contract';
import { templateInput } from '../../../main/api/schemas';
import { call } from '../api/client';
import { useCall } from '../api/use-call';
import { Field, FormMessage, useSubmit } from '../components/form';

export type TemplateText = Pick<Template, 'subject' | 'format' | 'bodyText' | 'bodyHtml'>;

/** Pick a saved template into the message, save the message as a new one, or save changes to the picked one; delete. */
export function TemplatePicker({ value, onPick }: { value: TemplateText; onPick: (t: TemplateText) => void }) {
  const list = useCall('templates.list', {});
  const [picked, setPicked] = useState<Template | null>(null);
  const [name, setName] = useState('');
  const save = useSubmit('templates.save', templateInput);
  const [said, setSaid] = useState<string | null>(null);
  const text = { subject: value.subject, format: value.format, bodyText: value.bodyText, bodyHtml: value.bodyHtml };

  function pick(id: string) {
    const t = list.data?.find((x) => String(x.id) === id) ?? null;
    setPicked(t);
    setSaid(null);
    if (t) {
      setName(t.name);
      onPick({ subject: t.subject, format: t.format, bodyText: t.bodyText, bodyHtml: t.bodyHtml });
    }
  }

  async function store(id: number | undefined) {
    const saved = await save.submit({ id, name, ...text });
    if (!saved) return;
    setPicked(saved);
    setSaid(id === undefined ? `Saved as template "${saved.name}".` : `Template "${saved.name}" saved.`);
    list.reload();
  }

  async function remove(t: Template) {
    await call('templates.delete', { id: t.id });
    setPicked(null);
    setSaid(`Template "${t.name}" deleted.`);
    list.reload();
  }

  return (
    <fieldset aria-label="Templates">
      <legend>Template</legend>
      <div className="row">
        <Field label="Template">
          <select aria-label="Template" value={picked?.id ?? ''} onChange={(e) => pick(e.target.value)}>
            <option value="">— none —</option>
            {list.data?.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
          </select>
        </Field>
        <Field label="Template name" error={save.errors.name}>
          <input aria-label="Template name" value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
      </div>
      <div className="actions">
        <button type="button" onClick={() => void store(undefined)} disabled={save.busy}>Save as new template</button>
        {picked && <button type="button" onClick={() => void store(picked.id)} disabled={save.busy}>Save changes to "{picked.name}"</button>}
        {picked && <button type="button" onClick={() => void remove(picked)}>Delete template</button>}
      </div>
      <FormMessage message={save.message} />
      {said && <p className="muted" role="status">{said}</p>}
    </fieldset>
  );
}
