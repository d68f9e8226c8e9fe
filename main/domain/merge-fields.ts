// Mail-merge fields: {{first_name}} and friends, filled per contact. Pure.

export const MERGE_FIELDS = {
  name: 'Full name',
  first_name: 'First name',
  company: 'Company',
  shoot_title: 'Shoot',
  shoot_date: 'Shoot date',
  shoot_location: 'Shoot location',
} as const;
export type MergeField = keyof typeof MERGE_FIELDS;
export type MergeValues = Partial<Record<MergeField, string>>;

const FIELD = /\{\{\s*([a-z_]{1,40})\s*\}\}/g;

/** The field names a template uses that we do not know: shown to the user before sending. */
export function unknownFields(template: string): string[] {
  const unknown = new Set<string>();
  for (const m of template.matchAll(FIELD)) if (!(m[1]! in MERGE_FIELDS)) unknown.add(m[1]!);
  return [...unknown];
}

/** The known fields a template uses that have no value here: refused before sending, never sent as "{{first_name}}" or blank. */
export function missingFields(template: string, values: MergeValues): MergeField[] {
  const missing = new Set<MergeField>();
  for (const m of template.matchAll(FIELD)) {
    const name = m[1] as MergeField;
    if (name in MERGE_FIELDS && !values[name]?.trim()) missing.add(name);
  }
  return [...missing];
}

/** A contact with the shoot its fields describe, as the merge list and a single email read them. */
export interface FieldSource {
  name: string; company: string; shoot_title: string | null; shoot_date: string | null; shoot_location: string | null;
}

export const mergeValues = (c: FieldSource): MergeValues => ({
  name: c.name, first_name: firstName(c.name), company: c.company,
  shoot_title: c.shoot_title ?? '', shoot_date: c.shoot_date ?? '', shoot_location: c.shoot_location ?? '',
});

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Fills a template; a field without a value becomes empty. HTML templates get escaped values. */
export function fillTemplate(template: string, values: MergeValues, html: boolean): string {
  return template.replace(FIELD, (whole, name: string) => {
    if (!(name in MERGE_FIELDS)) return whole;
    const value = values[name as MergeField] ?? '';
    return html ? escapeHtml(value) : value;
  });
}

export const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? '';

/**
 * A template read without its fields, for names shown before any contact fills them (a dispatch
 * card): "Hi {{first_name}}, spring minis!" → "Hi, spring minis!". The punctuation and spaces a
 * removed field leaves behind go with it.
 */
export function withoutFields(template: string): string {
  return template
    .replace(FIELD, ' ')
    .replace(/\s+([,.;:!?)])/g, '$1')
    .replace(/([(])\s+/g, '$1')
    .replace(/\(\)/g, '')
    .replace(/([,;:])(?:\s*[,;:])+/g, '$1')
    .replace(/^[\s,;:.!?-]+|[\s,;:-]+$/g, '')
    .replace(/\s+/g, ' ');
}
