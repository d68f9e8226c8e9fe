import type { CallInput } from '../../../main/api/contract';
import { useCall } from '../api/use-call';
import type { TemplateText } from './TemplatePicker';

type For = CallInput<'templates.preview'>['for'];
const named = (fields: readonly string[]) => fields.map((f) => `{{${f}}}`).join(', ');

/** The message as it would go out, shown while it uses merge fields; names every field that would not be filled. */
export function TemplatePreview({ text, for: target }: { text: TemplateText; for: For }) {
  const usesFields = [text.subject, text.bodyText, text.bodyHtml].some((t) => t.includes('{{'));
  const preview = useCall('templates.preview', { ...text, for: target }, usesFields);
  const p = preview.data;
  if (!usesFields || !p) return null;
  const inList = Object.entries(p.missingInList);
  return (
    <section className="preview" aria-label="Preview">
      <h3>Preview{p.filledFor ? ` for ${p.filledFor}` : ''}</h3>
      {p.unknown.length > 0 && <p className="error" role="alert">Unknown field{p.unknown.length > 1 ? 's' : ''}: {named(p.unknown)}. Correct or remove before sending.</p>}
      {p.missing.length > 0 && (
        <p className="error" role="alert">
          No value for {named(p.missing)}{p.filledFor ? ` for ${p.filledFor}` : ' (choose a recipient)'}: fill it in on the contact or shoot, or remove it. Sending is refused until then.
        </p>
      )}
      {inList.length > 0 && (
        <p className="warning" role="status">
          {inList.map(([field, n]) => `${n} contact${n === 1 ? '' : 's'} without {{${field}}}`).join('; ')}: theirs would be blank.
        </p>
      )}
      <p><strong>{p.subject}</strong></p>
      <pre className="preview-body">{p.bodyText}</pre>
    </section>
  );
}
