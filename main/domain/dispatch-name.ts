// A dispatch's name on its card: its subject as nobody in particular reads it, and its day. Pure.
import { withoutFields } from './merge-fields';

/** The local calendar day, as the user dates things (the core runs on the user's machine). */
const localDay = (at: number) => {
  const d = new Date(at);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

export const dispatchName = (subject: string, at: number) => `${withoutFields(subject) || 'Mail merge'} · ${localDay(at)}`;
