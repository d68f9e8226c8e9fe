// A template as it would go out: filled for a single email's recipient, or for a dispatch's first
// contact with a count, per field, of the list's contacts who have no value for it.
import type { z } from 'zod';
import type { Db } from '../db/open-database';
import type { TemplatePreview } from '../api/contract';
import type { templatePreviewInput } from '../api/schemas';
import { MERGE_FIELDS, mergeValues, type MergeField } from '../domain/merge-fields';
import { mergeList } from '../compose/merge-list';
import { recipientSource } from '../compose/recipient-source';
import { fieldValues } from './field-values';
import { fillText, unfilled } from './fill-email';

type PreviewInput = z.output<typeof templatePreviewInput>;

export function templatePreview(db: Db) {
  const list = mergeList(db);
  const source = recipientSource(db);
  const valuesOf = fieldValues(db);

  return (input: PreviewInput): TemplatePreview => {
    const text = { subject: input.subject, bodyText: input.bodyText, bodyHtml: input.format === 'html' ? input.bodyHtml : '' };
    if (input.for.kind === 'email') {
      const to = input.for.to;
      const who = to ? source.candidate(to, 'to', 'client mail', 'to.0.contactId') : null;
      const values = valuesOf(who, input.for.shootId);
      const { unknown, missing } = unfilled(text, values);
      return { ...fillText(text, values), filledFor: who ? who.name || who.address : null, unknown, missing, missingInList: {} };
    }
    const contacts = list.all(input.for.filter).map(mergeValues);
    // Against no values at all, every known field the template uses is missing.
    const used = new Set(unfilled(text, {}).missing);
    const missingInList: Record<string, number> = {};
    for (const values of contacts) {
      for (const field of Object.keys(MERGE_FIELDS) as MergeField[]) {
        if (used.has(field) && !values[field]?.trim()) missingInList[field] = (missingInList[field] ?? 0) + 1;
      }
    }
    const first = contacts[0] ?? {};
    return {
      ...fillText(text, first), filledFor: contacts[0]?.name ?? null, unknown: unfilled(text, {}).unknown, missing: [], missingInList,
    };
  };
}
