import type { CallInput } from '../../../main/api/contract';
import { Field } from '../components/form';

export type Remind = NonNullable<CallInput<'emails.send'>['remind']>;

const CLEARS = {
  opened: "A person's open or a reply clears it; a machine's open does not.",
  replied: "The client's reply, read from the mailbox set in Preferences, clears it.",
} as const;

/** "Remind me if not opened (by a person) / not replied in N days": chosen when sending an email or a dispatch. */
export function RemindField({ value, onChange, error }: { value: Remind | null; onChange: (r: Remind | null) => void; error?: string | undefined }) {
  return (
    <div className="row">
      <Field label="Remind me" error={error} hint={value ? CLEARS[value.unless] : undefined}>
        <select aria-label="Remind me" value={value?.unless ?? ''} onChange={(e) => onChange(e.target.value ? { unless: e.target.value as Remind['unless'], days: value?.days ?? 3 } : null)}>
          <option value="">Never</option>
          <option value="opened">If not opened by a person</option>
          <option value="replied">If not replied</option>
        </select>
      </Field>
      {value && (
        <Field label="Within days">
          <input aria-label="Within days" type="number" min={1} max={365} value={value.days} onChange={(e) => onChange({ ...value, days: Number(e.target.value) })} />
        </Field>
      )}
    </div>
  );
}
