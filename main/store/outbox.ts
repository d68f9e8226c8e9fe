import type { z } from 'zod';
import type { Db } from '../db/open-database';
import type { OutboxPage, OutboxRow, Viewed } from '../api/contract';
import type { outboxQuery, OUTBOX_SORTS } from '../api/schemas';
import { searchFold } from '../domain/search-fold';
import { escapeLike } from './like';

type OutboxQuery = z.output<typeof outboxQuery>;

const DAY = 86_400_000;

// Every sortable column, each the key of its own index (migration 10), ending in e.id so paging
// is stable when values tie. The shoot's title is the first line of the search text.
export const OUTBOX_ORDER: Record<(typeof OUTBOX_SORTS)[number], string> = {
  createdAt: 'e.created_at',
  subject: 'e.subject COLLATE NOCASE',
  recipients: 'e.recipients_label COLLATE NOCASE',
  status: 'e.status',
  viewed: 'e.viewed',
  firstViewedAt: 'e.first_viewed_at',
  lastViewedAt: 'e.last_viewed_at',
  totalViews: 'e.total_views',
  lastProgram: 'e.last_program COLLATE NOCASE',
  shoot: 'substr(e.search, 1, instr(e.search, char(10)) - 1)',
};

interface Row {
  id: number; subject: string; recipients_label: string; recipient_count: number; shoot_id: number | null;
  shoot_title: string | null; status: string; viewed: Viewed; first_viewed_at: number | null;
  last_viewed_at: number | null; total_views: number; fetches: number; machine_fetches: number; last_program: string | null; created_at: number;
}

const FEW = 2_000;

/**
 * The emails whose search text holds `folded`, from the trigram index, when they are few; null
 * when the index cannot answer (under three characters, or a wildcard to escape) or they are
 * many. Few: the page and its count read just those rows. Many: an index walk in the page's
 * order meets a match at once, and the count reads every email's text, which costs less than
 * checking tens of thousands of candidates one by one against their row.
 */
function indexedMatches(db: Db, folded: string): number[] | null {
  if ([...folded].length < 3 || /[\\%_]/.test(folded)) return null;
  const ids = db.prepare('SELECT rowid FROM emails_fts WHERE search LIKE ? LIMIT ?').pluck().all(`%${folded}%`, FEW + 1) as number[];
  return ids.length > FEW ? null : ids;
}

/** The WHERE clause of a query and its parameters, shared by the page and its count. */
export function outboxWhere(db: Db, query: Omit<OutboxQuery, 'sort' | 'direction' | 'offset' | 'limit'>, now: number) {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (query.scope.kind === 'recent') {
    where.push('e.created_at >= :since');
    params.since = now - query.scope.days * DAY;
  } else if (query.scope.kind === 'shoot') {
    where.push('e.shoot_id = :shootId');
    params.shootId = query.scope.shootId;
  }
  const folded = searchFold(query.search);
  if (folded) {
    // Shoot, subject, and every recipient's name and address, folded as compose wrote them.
    const ids = indexedMatches(db, folded);
    if (ids) {
      where.push('e.id IN (SELECT value FROM json_each(:ids))');
      params.ids = JSON.stringify(ids);
    } else {
      where.push(`e.search LIKE :like ESCAPE '\\'`);
      params.like = `%${escapeLike(folded)}%`;
    }
  }
  if (query.statuses.length) {
    where.push('e.status IN (SELECT value FROM json_each(:statuses))');
    params.statuses = JSON.stringify(query.statuses);
  }
  if (query.viewed) {
    where.push('e.viewed = :viewed');
    params.viewed = query.viewed;
  }
  if (query.dispatchId !== null) {
    where.push('e.dispatch_id = :dispatchId');
    params.dispatchId = query.dispatchId;
  }
  if (query.from !== null) {
    where.push('e.created_at >= :from');
    params.from = query.from;
  }
  if (query.to !== null) {
    where.push('e.created_at < :to');
    params.to = query.to;
  }
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

/** The page's SELECT, exported so tests can read its query plan. */
export function outboxPageSql(query: OutboxQuery, whereSql: string): string {
  const dir = query.direction === 'asc' ? 'ASC' : 'DESC';
  return `SELECT e.id, e.subject, e.recipients_label, e.recipient_count, e.shoot_id, s.title AS shoot_title, e.status,
                 e.viewed, e.first_viewed_at, e.last_viewed_at, e.total_views, e.fetches, e.machine_fetches, e.last_program, e.created_at
          FROM emails e LEFT JOIN shoots s ON s.id = e.shoot_id ${whereSql}
          ORDER BY ${OUTBOX_ORDER[query.sort]} ${dir}, e.id ${dir} LIMIT :limit OFFSET :offset`;
}

/**
 * One page of the Outbox (or a shoot's correspondence). Reads only the emails table's own
 * columns, which the core keeps current, so a page in any order is a walk down one index.
 */
export function outboxPage(db: Db, query: OutboxQuery, now = Date.now()): OutboxPage {
  const where = outboxWhere(db, query, now);
  const rows = db.prepare(outboxPageSql(query, where.sql)).all({ ...where.params, limit: query.limit, offset: query.offset }) as Row[];
  const { total } = db.prepare(`SELECT count(*) AS total FROM emails e ${where.sql}`).get(where.params) as { total: number };
  return { rows: rows.map(toOutboxRow), total };
}

function toOutboxRow(r: Row): OutboxRow {
  return {
    id: r.id, subject: r.subject, recipients: r.recipients_label, recipientCount: r.recipient_count,
    shootId: r.shoot_id, shootTitle: r.shoot_title, status: r.status, viewed: r.viewed,
    firstViewedAt: r.first_viewed_at, lastViewedAt: r.last_viewed_at, totalViews: r.total_views,
    fetches: r.fetches, machineFetches: r.machine_fetches, lastProgram: r.last_program, createdAt: r.created_at,
  };
}
