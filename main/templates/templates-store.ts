// Saved templates: a name, a subject and a body with merge fields, for emails and dispatches.
import type { z } from 'zod';
import type { Db } from '../db/open-database';
import type { Template } from '../api/contract';
import type { templateInput } from '../api/schemas';
import { ApiError, notFound } from '../api/errors';
import { prepareAll } from '../store/prepare';

type TemplateInput = z.output<typeof templateInput>;

const COLUMNS = `id, name, subject, format, COALESCE(body_text, '') AS bodyText, COALESCE(body_html, '') AS bodyHtml, updated_at AS updatedAt`;
/** Templates are few and hand-made; a bound all the same. */
const MAX_LISTED = 500;

const SQL = {
  list: `SELECT ${COLUMNS} FROM templates ORDER BY name COLLATE NOCASE LIMIT ${MAX_LISTED}`,
  get: `SELECT ${COLUMNS} FROM templates WHERE id = ?`,
  byName: `SELECT id FROM templates WHERE name = ? COLLATE NOCASE`,
  insert: `INSERT INTO templates (name, subject, format, body_text, body_html, created_at, updated_at)
           VALUES (:name, :subject, :format, :bodyText, :bodyHtml, :now, :now)`,
  update: `UPDATE templates SET name = :name, subject = :subject, format = :format, body_text = :bodyText, body_html = :bodyHtml, updated_at = :now WHERE id = :id`,
  delete: `DELETE FROM templates WHERE id = ?`,
} as const;

export function templatesStore(db: Db) {
  const q = prepareAll(db, SQL);
  const get = (id: number) => {
    const row = q.get.get(id) as Template | undefined;
    if (!row) throw notFound('Template', id);
    return row;
  };
  return {
    list: () => q.list.all() as Template[],
    save: db.transaction((input: TemplateInput, now: number): Template => {
      const { id, ...t } = input;
      const same = q.byName.get(t.name) as { id: number } | undefined;
      if (same && same.id !== id) throw new ApiError('conflict', `A template named "${t.name}" already exists: pick it to edit it, or choose another name.`, [{ path: 'name', message: 'this name is taken' }]);
      if (id === undefined) return get(Number(q.insert.run({ ...t, now }).lastInsertRowid));
      get(id);
      q.update.run({ ...t, id, now });
      return get(id);
    }),
    delete: (id: number) => q.delete.run(id).changes > 0,
  };
}
