// A single email's subject and body with their merge fields filled, or refused: a field we do not
// know, or one without a value for this recipient, never goes out as "{{first_name}}" or a blank.
import { ApiError } from '../api/errors';
import { fillTemplate, missingFields, unknownFields, type MergeValues } from '../domain/merge-fields';

export interface TemplateText { subject: string; bodyText: string; bodyHtml: string }

const named = (fields: readonly string[]) => fields.map((f) => `{{${f}}}`).join(', ');

/** What a template leaves unfilled for these values: unknown fields, and known ones without a value. */
export function unfilled(t: TemplateText, values: MergeValues): { unknown: string[]; missing: string[] } {
  const parts = [t.subject, t.bodyText, t.bodyHtml];
  return { unknown: [...new Set(parts.flatMap(unknownFields))], missing: [...new Set(parts.flatMap((p) => missingFields(p, values)))] };
}

export const fillText = <T extends TemplateText>(t: T, values: MergeValues): T => ({
  ...t,
  subject: fillTemplate(t.subject, values, false),
  bodyText: fillTemplate(t.bodyText, values, false),
  bodyHtml: fillTemplate(t.bodyHtml, values, true),
});

/** Refuses a template naming a field we do not know (an email's or a dispatch's). */
export function refuseUnknown(t: TemplateText): void {
  const { unknown } = unfilled(t, {});
  if (unknown.length) throw new ApiError('invalid_input', `Unknown merge field${unknown.length > 1 ? 's' : ''}: ${named(unknown)}. Remove or correct it before sending.`, [{ path: 'bodyText', message: 'unknown merge field' }]);
}

/** Filled for `who`, or an ApiError saying which fields to fill in or remove. */
export function fillForEmail<T extends TemplateText>(t: T, values: MergeValues, who: string): T {
  refuseUnknown(t);
  const { missing } = unfilled(t, values);
  if (missing.length) {
    throw new ApiError('invalid_input', `No value for ${named(missing)} for ${who || 'this recipient'}: fill it in (the contact, the shoot) or remove it before sending.`, [{ path: 'bodyText', message: 'merge field without a value' }]);
  }
  return fillText(t, values);
}
