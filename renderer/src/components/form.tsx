import { useState, type ReactNode } from 'react';
import type { z } from 'zod';
import { call } from '../api/client';
import { asCallError } from '../api/use-call';
import type { CallInput, CallName, CallOutput } from '../../../main/api/contract';

export type FieldErrors = Record<string, string>;

/**
 * Submits a form through a call: validates first with the contract's own schema (so the user
 * sees every bad field at once), then shows whatever the core still refuses, per field.
 */
export function useSubmit<K extends CallName>(name: K, schema: z.ZodType) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(input: CallInput<K>): Promise<CallOutput<K> | undefined> {
    const local = schema.safeParse(input);
    if (!local.success) {
      setErrors(Object.fromEntries(local.error.issues.map((i) => [i.path.join('.'), i.message])));
      setMessage('Please correct the marked fields.');
      return undefined;
    }
    setBusy(true);
    try {
      const out = await call(name, input);
      setErrors({});
      setMessage(null);
      return out;
    } catch (err) {
      const e = asCallError(err);
      setErrors(Object.fromEntries((e.body.fields ?? []).map((f) => [f.path, f.message])));
      setMessage(e.message);
      return undefined;
    } finally {
      setBusy(false);
    }
  }
  return { submit, errors, message, busy, clear: () => (setErrors({}), setMessage(null)) };
}

/** A labelled control; `group` for several controls (checkboxes) that carry their own labels. */
export function Field(props: { label: string; error?: string | undefined; children: ReactNode; hint?: string | undefined; group?: boolean }) {
  const body = (
    <>
      <span className="label">{props.label}</span>
      {props.children}
      {props.hint && !props.error && <span className="hint">{props.hint}</span>}
      {props.error && <span className="error" role="alert">{props.error}</span>}
    </>
  );
  const className = `field${props.error ? ' invalid' : ''}`;
  return props.group ? <div role="group" aria-label={props.label} className={className}>{body}</div> : <label className={className}>{body}</label>;
}

export function FormMessage({ message }: { message: string | null }) {
  return message ? <p className="form-message" role="alert">{message}</p> : null;
}

export function ErrorBanner({ error }: { error: { message: string } | undefined }) {
  return error ? <p className="banner error" role="alert">{error.message}</p> : null;
}

export function formatTime(ms: number | null): string {
  return ms === null ? '' : new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Times that order events (bounce reports, failures): to the second. */
export function formatSeconds(ms: number | null): string {
  return ms === null ? '' : new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

/** Table cells: the year only when it is not this one. */
export function formatShortTime(ms: number | null): string {
  if (ms === null) return '';
  const d = new Date(ms);
  const sameYear = d.getFullYear() === new Date().getFullYear();
  return d.toLocaleString(undefined, { month: 'short', day: 'numeric', year: sameYear ? undefined : '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
}
