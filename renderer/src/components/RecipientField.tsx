import { useId, useState } from 'react';
import type { CallInput } from '../../../main/api/contract';
import { useCall } from '../api/use-call';

export type RecipientRef = CallInput<'emails.send'>['to'] extends (infer R)[] | undefined ? R : never;

/** "Ann Lee <ann@example.com>" or a bare address. */
function parseTyped(text: string): RecipientRef | null {
  const t = text.trim().replace(/[,;]$/, '').trim();
  if (!t) return null;
  const m = /^(.*?)\s*<([^>]+)>$/.exec(t);
  return m ? { name: m[1]!.replace(/^"|"$/g, '').trim(), address: m[2]!.trim() } : { name: '', address: t };
}

const label = (r: RecipientRef) => (r.name ? `${r.name}${r.address ? ` <${r.address}>` : ''}` : r.address ?? '');

/** To / Cc / Bcc: chips for chosen recipients, typed addresses or contacts suggested as you type. */
export function RecipientField({ label: fieldLabel, value, onChange, error }: { label: string; value: RecipientRef[]; onChange: (v: RecipientRef[]) => void; error?: string | undefined }) {
  const [text, setText] = useState('');
  const listId = useId();
  const suggestions = useCall('contacts.list', { search: text.trim() }, text.trim().length >= 2);
  // A contact without any address is still offered: it shows as No Email Selected, which is the truth.
  const options: RecipientRef[] = (suggestions.data ?? []).flatMap((c): RecipientRef[] =>
    c.emails.length ? c.emails.map((e) => ({ contactId: c.id, name: c.name, address: e })) : [{ contactId: c.id, name: c.name }]);

  function add(raw: string) {
    const picked = options.find((o) => label(o) === raw.trim());
    const ref = picked ?? parseTyped(raw);
    if (ref) onChange([...value, ref]);
    setText('');
  }

  return (
    <div className={`field recipients${error ? ' invalid' : ''}`} role="group" aria-label={fieldLabel}>
      <span className="label">{fieldLabel}</span>
      <div className="chips">
        {value.map((r, i) => (
          <span className="chip" key={`${label(r)}-${i}`}>
            {label(r) || `contact ${r.contactId}`}
            <button type="button" aria-label={`Remove ${label(r)}`} onClick={() => onChange(value.filter((_, j) => j !== i))}>×</button>
          </span>
        ))}
        <input
          aria-label={`${fieldLabel} address`}
          list={listId}
          value={text}
          placeholder="Name or address"
          onChange={(e) => {
            const v = e.target.value;
            // Choosing a suggestion from the list fills the whole label at once.
            if (options.some((o) => label(o) === v)) add(v);
            else setText(v);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ',' || e.key === ';') {
              e.preventDefault();
              add(text);
            } else if (e.key === 'Backspace' && text === '' && value.length) onChange(value.slice(0, -1));
          }}
          onBlur={() => text.trim() && add(text)}
        />
        <datalist id={listId}>{options.map((o) => <option key={`${o.contactId}-${o.address}`} value={label(o)} />)}</datalist>
      </div>
      {error && <span className="error" role="alert">{error}</span>}
    </div>
  );
}
