import type { z } from 'zod';
import type { Db } from '../db/open-database';
import type { OutboxPage, OutboxRow, Viewed } from '../api/contract';
import type { outboxQuery, OUTBOX_SORTS } from '../api/schemas';
import { searchFold } from '../domain/search-fold';
import { escapeLike } from './like';

type OutboxQuery = z.output<typeof outboxQuery>;

const DAY = 86_400_000;

// Every sortable column, ending in e.id so paging is stable when values tie.
const ORDER: Record<(typeof OUTBOX_SORTS)[number], string> = {
  createdAt: 'e.created_at',
  subject: 'e.subject COLLATE NOCASE',
  recipients: 'e.recipients_label COLLATE NOCASE',
  status: 'e.status',
  viewed: 'e.viewed',
  firstViewedAt: 'e.first_viewed_at',
  lastViewedAt: 'e.last_viewed_at',
  totalViews: 'e.total_views',
  lastProgram: 'e.last_program',
  shoot: 's.title COLLATE NOCASE',
};

interface Row {
  id: number; subject: string; recipients_label: string; recipient_count: number; shoot_id: number | null;
  shoot_title: string | null; status: string; viewed: Viewed; first_viewed_at: number | null;
  last_viewed_at: number | null; total_views: number; last_program: string | null; created_at: number;
}

/**
 * One page of the Outbox (or a shoot's correspondence). Reads only the emails table's own
 * columns, which the core keeps current, so the newest-first page is a walk down one index.
 */
export function outboxPage(db: Db, query: OutboxQuery, now = Date.now()): OutboxPage {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (query.scope.kind === 'recent') {
    where.push('e.created_at >= :since');
    params.since = now - query.scope.days * DAY;
  } else if (query.scope.kind === 'shoot') {
    where.push('e.shoot_id = :shootId');
    params.shootId = query.scope.shootId;
  }
  if (query.search) {
    // Subject and recipients, folded as compose wrote them: capitals of every script match.
    // LIKE, not instr(): its leading-% scan is about three times faster here.
    where.push(`e.search LIKE :like ESCAPE '\\'`);
    params.like = `%${escapeLike(searchFold(query.search))}%`;
  }
  if (query.status) {
    where.push('e.status = :status');
    params.status = query.status;
  }
  if (query.viewed) {
    where.push('e.viewed = :viewed');
    params.viewed = query.viewed;
  }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const dir = query.direction === 'asc' ? 'ASC' : 'DESC';
  const order = `${ORDER[query.sort]} ${dir}, e.id ${dir}`;
  const join = 'LEFT JOIN shoots s ON s.id = e.shoot_id';

  const rows = db
    .prepare(
      `SELECT e.id, e.subject, e.recipients_label, e.recipient_count, e.shoot_id, s.title AS shoot_title, e.status,
              e.viewed, e.first_viewed_at, e.last_viewed_at, e.total_views, e.last_program, e.created_at
       FROM emails e ${join} ${whereSql} ORDER BY ${order} LIMIT :limit OFFSET :offset`,
    )
    .all({ ...params, limit: query.limit, offset: query.offset }) as Row[];
  const needsJoin = query.sort === 'shoot';
  const { total } = db
    .prepare(`SELECT count(*) AS total FROM emails e ${needsJoin ? join : ''} ${whereSql}`)
    .get(params) as { total: number };
  return { rows: rows.map(toOutboxRow), total };
}

function toOutboxRow(r: Row): OutboxRow {
  return {
    id: r.id, subject: r.subject, recipients: r.recipients_label, recipientCount: r.recipient_count,
    shootId: r.shoot_id, shootTitle: r.shoot_title, status: r.status, viewed: r.viewed,
    firstViewedAt: r.first_viewed_at, lastViewedAt: r.last_viewed_at, totalViews: r.total_views,
    lastProgram: r.last_program, createdAt: r.created_at,
  };
}
