import { useState } from 'react';
import type { CallInput } from '../../../main/api/contract';
import { Field } from '../components/form';
import { RichTextEditor } from '../components/RichTextEditor';
import { useTrackingDefault, type TrackingBlock } from '../first-run/use-relay';
import { href } from '../routes';
import { RemindField } from '../reminders/RemindField';
import { TemplatePicker } from '../templates/TemplatePicker';

type Send = CallInput<'emails.send'>;
export type MessageDraft = Required<Pick<Send, 'subject' | 'format' | 'bodyText' | 'bodyHtml' | 'tracking' | 'attachments' | 'remind'>>;

// Untracked until Preferences say a relay is set: no pixel may be built that points nowhere.
export const EMPTY_MESSAGE: MessageDraft = { subject: '', format: 'text', bodyText: '', bodyHtml: '', tracking: 'off', attachments: [], remind: null };

/** The Track switch starts from Preferences; off, with the reason returned, while no relay is set up. */
export const useDefaultTracking = (set: (t: MessageDraft['tracking']) => void): TrackingBlock => useTrackingDefault(set);

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** Template, subject, body (plain or rich), attachments, tracking and reminder: shared by an email and a mail merge. */
export function MessageFields({ value, onChange, errors, hint, trackingBlock }: {
  value: MessageDraft; onChange: (patch: Partial<MessageDraft>) => void; errors: Record<string, string>; hint?: string;
  /** Why Track must stay off (no relay), from useDefaultTracking. */
  trackingBlock?: TrackingBlock;
}) {
  const blocked = typeof trackingBlock === 'string';
  const [attachError, setAttachError] = useState<string>();
  // The rich editor reads its text when it mounts: a picked template mounts a new one.
  const [editorKey, setEditorKey] = useState(0);
  return (
    <>
      <TemplatePicker value={value} onPick={(t) => {
        onChange(t);
        setEditorKey((k) => k + 1);
      }} />
      <Field label="Subject" error={errors.subject}><input aria-label="Subject" value={value.subject} onChange={(e) => onChange({ subject: e.target.value })} /></Field>
      <div className="row">
        <Field label="Format">
          <select aria-label="Format" value={value.format} onChange={(e) => onChange({ format: e.target.value as MessageDraft['format'] })}>
            <option value="text">Plain text</option>
            <option value="html">Rich text</option>
          </select>
        </Field>
        <Field label="Track" error={errors.tracking} hint="Plain text is sent as simple HTML when tracked.">
          <select aria-label="Track" value={blocked ? 'off' : value.tracking} aria-describedby={blocked ? 'track-blocked' : undefined} onChange={(e) => onChange({ tracking: e.target.value as MessageDraft['tracking'] })}>
            <option value="off">Off</option>
            <option value="opens" disabled={blocked}>Opens</option>
            <option value="opens_clicks" disabled={blocked}>Opens and clicks</option>
          </select>
          {blocked && (
            <p id="track-blocked" className="small muted" data-testid="track-blocked">
              {trackingBlock} <a href={href('preferences')}>Set up the relay in Preferences</a>
            </p>
          )}
        </Field>
      </div>
      {value.format === 'text' ? (
        <Field label="Message" error={errors.bodyText} hint={hint}>
          <textarea aria-label="Message" rows={12} value={value.bodyText} onChange={(e) => onChange({ bodyText: e.target.value })} />
        </Field>
      ) : (
        <Field label="Message" error={errors.bodyHtml} hint={hint} group>
          <RichTextEditor key={editorKey} label="Message" initial={value.bodyHtml || value.bodyText.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`).replace(/\n/g, '<br>')} onChange={(r) => onChange({ bodyHtml: r.html, bodyText: r.text })} />
        </Field>
      )}
      <RemindField value={value.remind} onChange={(remind) => onChange({ remind })} error={errors.remind} />
      <Field label="Attachments" error={errors.attachments ?? attachError} group>
        <input type="file" multiple aria-label="Attach files" onChange={async (e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          try {
            const added = await Promise.all(files.map(async (f) => ({ filename: f.name, contentType: f.type || 'application/octet-stream', dataBase64: await readBase64(f) })));
            onChange({ attachments: [...value.attachments, ...added] });
            setAttachError(undefined);
          } catch (err) {
            setAttachError(`Could not read the file: ${String(err)}`);
          }
        }} />
        <ul className="attachments">
          {value.attachments.map((a, i) => (
            <li key={`${a.filename}-${i}`}>{a.filename} <span className="muted">({Math.ceil((a.dataBase64.length * 3) / 4 / 1024)} KB)</span>{' '}
              <button type="button" className="link" onClick={() => onChange({ attachments: value.attachments.filter((_, j) => j !== i) })}>Remove</button></li>
          ))}
        </ul>
      </Field>
    </>
  );
}
