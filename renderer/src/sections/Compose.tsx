import { useState } from 'react';
import { composeInput } from '../../../main/api/schemas';
import { useCall } from '../api/use-call';
import { Field, FormMessage, useSubmit } from '../components/form';
import { RecipientField, type RecipientRef } from '../components/RecipientField';
import { href, navigate } from '../routes';
import { EMPTY_MESSAGE, MessageFields, useDefaultTracking, type MessageDraft } from './MessageFields';
import { MailMerge } from './MailMerge';
import { TemplatePreview } from '../templates/TemplatePreview';

export function Compose({ mode }: { mode: string | null }) {
  return (
    <section>
      <div className="toolbar">
        <h1>Compose</h1>
        <div className="segmented" role="group" aria-label="Kind">
          <a className="button" aria-pressed={mode !== 'merge'} href={href('compose')}>Email</a>
          <a className="button" aria-pressed={mode === 'merge'} href={href('compose', 'merge')}>Mail merge</a>
        </div>
      </div>
      {mode === 'merge' ? <MailMerge /> : <EmailForm />}
    </section>
  );
}

function EmailForm() {
  const [to, setTo] = useState<RecipientRef[]>([]);
  const [cc, setCc] = useState<RecipientRef[]>([]);
  const [bcc, setBcc] = useState<RecipientRef[]>([]);
  const [shootId, setShootId] = useState<number | null>(null);
  const [message, setMessage] = useState<MessageDraft>(EMPTY_MESSAGE);
  const shoots = useCall('shoots.list', { search: '' });
  const send = useSubmit('emails.send', composeInput);
  const trackingBlock = useDefaultTracking((tracking) => setMessage((m) => ({ ...m, tracking })));

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const result = await send.submit({ to, cc, bcc, shootId, ...message });
    if (result) navigate('outbox', result.emailId);
  }

  const err = send.errors;
  return (
    <form className="form wide" aria-label="Email" onSubmit={submit} noValidate>
      <RecipientField label="To" value={to} onChange={setTo} error={err.to} />
      <RecipientField label="Cc" value={cc} onChange={setCc} error={err.cc} />
      <RecipientField label="Bcc" value={bcc} onChange={setBcc} error={err.bcc} />
      <Field label="Shoot" error={err.shootId}>
        <select aria-label="Shoot" value={shootId ?? ''} onChange={(e) => setShootId(e.target.value ? Number(e.target.value) : null)}>
          <option value="">— none —</option>
          {shoots.data?.map((s) => <option key={s.id} value={s.id}>{s.title}{s.shootDate ? ` (${s.shootDate})` : ''}</option>)}
        </select>
      </Field>
      <MessageFields value={message} onChange={(patch) => setMessage((m) => ({ ...m, ...patch }))} errors={err} trackingBlock={trackingBlock} />
      <TemplatePreview text={message} for={{ kind: 'email', to: to[0] ?? null, shootId }} />
      <FormMessage message={send.message} />
      <div className="actions">
        <button type="submit" className="primary" disabled={send.busy}>Send</button>
      </div>
    </form>
  );
}
