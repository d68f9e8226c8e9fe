import type { z } from 'zod';
import type { Db } from '../db/open-database';
import type { Shoot, ShootStatus } from '../api/contract';
import type { shootInput } from '../api/schemas';
import { ApiError, notFound } from '../api/errors';
import { escapeLike } from './like';
import { shootLine } from '../domain/search-fold';
import { prepareAll } from './prepare';

type ShootInput = z.output<typeof shootInput>;

interface ShootRow {
  id: number; title: string; client_id: number | null; client_name: string | null; shoot_date: string | null;
  location: string; status: ShootStatus; notes: string; email_count: number; created_at: number; updated_at: number;
}

const SELECT = `
  SELECT s.*, c.name AS client_name, (SELECT count(*) FROM emails e WHERE e.shoot_id = s.id) AS email_count
  FROM shoots s LEFT JOIN contacts c ON c.id = s.client_id`;

const SQL = {
  list: `${SELECT}
    WHERE (:q = '' OR s.title LIKE :like ESCAPE '\\' OR s.location LIKE :like ESCAPE '\\' OR c.name LIKE :like ESCAPE '\\')
    ORDER BY s.shoot_date IS NULL, s.shoot_date DESC, s.id DESC
    LIMIT 2000`,
  get: `${SELECT} WHERE s.id = ?`,
  contactExists: `SELECT 1 FROM contacts WHERE id = ?`,
  insert: `
    INSERT INTO shoots (title, client_id, shoot_date, location, status, notes, created_at, updated_at)
    VALUES (:title, :clientId, :shootDate, :location, :status, :notes, :now, :now)`,
  update: `
    UPDATE shoots SET title = :title, client_id = :clientId, shoot_date = :shootDate, location = :location,
      status = :status, notes = :notes, updated_at = :now
    WHERE id = :id`,
  delete: `DELETE FROM shoots WHERE id = ?`,
  // The first line of each of its emails' search text is the shoot's folded title (domain/search-fold).
  emailsTitle: `UPDATE emails SET search = :line || substr(search, instr(search, char(10)))
    WHERE shoot_id = :id AND substr(search, 1, instr(search, char(10)) - 1) <> :line`,
} as const;

export function shootsStore(db: Db) {
  const q = prepareAll(db, SQL);

  function get(id: number): Shoot {
    const row = q.get.get(id) as ShootRow | undefined;
    if (!row) throw notFound('Shoot', id);
    return toShoot(row);
  }

  function params(input: ShootInput) {
    if (input.clientId !== null && !q.contactExists.get(input.clientId)) {
      throw new ApiError('invalid_input', `clientId: contact ${input.clientId} does not exist`, [
        { path: 'clientId', message: `contact ${input.clientId} does not exist` },
      ]);
    }
    return { ...input, now: Date.now() };
  }

  return {
    list(search: string): Shoot[] {
      return (q.list.all({ q: search, like: `%${escapeLike(search)}%` }) as ShootRow[]).map(toShoot);
    },
    get,
    create(input: ShootInput): Shoot {
      return get(Number(q.insert.run(params(input)).lastInsertRowid));
    },
    update: db.transaction((id: number, input: ShootInput): Shoot => {
      if (q.update.run({ ...params(input), id }).changes === 0) throw notFound('Shoot', id);
      q.emailsTitle.run({ id, line: shootLine(input.title) });
      return get(id);
    }),
    delete: db.transaction((id: number): boolean => {
      q.emailsTitle.run({ id, line: '' });
      return q.delete.run(id).changes > 0;
    }),
  };
}

function toShoot(r: ShootRow): Shoot {
  return {
    id: r.id, title: r.title, clientId: r.client_id, clientName: r.client_name, shootDate: r.shoot_date,
    location: r.location, status: r.status, notes: r.notes, emailCount: r.email_count,
    createdAt: r.created_at, updatedAt: r.updated_at,
  };
}
