// The relay's SQLite file: WAL mode, one connection, batched inserts.
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './schema';
import { QUERIES } from './queries';

export type EventKind = 'open' | 'click';
export type EventMethod = 'GET' | 'HEAD';

export interface NewEvent {
  kind: EventKind;
  emailId: number;
  recipientId: number;
  linkIndex: number | null;
  url: string | null;
  /** ms since the Unix epoch */
  at: number;
  ip: string;
  userAgent: string;
  method: EventMethod;
}

export interface StoredEvent extends NewEvent {
  rowId: number;
}

interface EventRow {
  id: number;
  kind: EventKind;
  email_id: number;
  recipient_id: number;
  link_index: number | null;
  url: string | null;
  at: number;
  ip: string;
  user_agent: string;
  method: EventMethod;
}

/** Rows per multi-row INSERT statement, largest first: a batch is cut into these sizes. */
const INSERT_SIZES = [256, 64, 16, 4, 1] as const;
const COLUMNS = 9;

export interface EventStoreOptions {
  /**
   * 'elsewhere': this connection never checkpoints the WAL itself (another thread does, so a
   * commit never waits for a checkpoint's fsync). Default 'auto': SQLite's automatic checkpoints.
   */
  checkpoints?: 'auto' | 'elsewhere';
}

export class EventStore {
  /** Random id of this database file, so cursors from another (replaced) file are recognised. */
  readonly instance: string;
  private readonly db: Database.Database;
  private readonly inserts = new Map<number, Database.Statement>();
  private readonly insertMany: (events: readonly NewEvent[]) => void;

  constructor(path: string, options: EventStoreOptions = {}) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    // In WAL mode, NORMAL makes each commit a write() to the log: a killed process loses
    // nothing committed; only an OS crash or power cut may roll back the last commits.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    if (options.checkpoints === 'elsewhere') this.db.pragma('wal_autocheckpoint = 0');
    // A checkpointed WAL is reused from its start; past this size it is also truncated.
    this.db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
    this.migrate();
    this.instance = this.metaOnce('instance', () => randomBytes(6).toString('base64url'));
    this.insertMany = this.db.transaction((events: readonly NewEvent[]) => {
      let done = 0;
      for (const size of INSERT_SIZES) {
        while (events.length - done >= size) {
          this.insertStatement(size).run(rowParams(events, done, size));
          done += size;
        }
      }
    });
  }

  /** Commits all events in one transaction (a few multi-row INSERTs), or none of them. */
  insertBatch(events: readonly NewEvent[]): void {
    if (events.length > 0) this.insertMany(events);
  }

  eventsAfter(rowId: number, limit: number): StoredEvent[] {
    const rows = this.db.prepare(QUERIES.eventsAfter).all(rowId, limit) as EventRow[];
    return rows.map((r) => ({
      rowId: r.id,
      kind: r.kind,
      emailId: r.email_id,
      recipientId: r.recipient_id,
      linkIndex: r.link_index,
      url: r.url,
      at: r.at,
      ip: r.ip,
      userAgent: r.user_agent,
      method: r.method,
    }));
  }

  /**
   * Deletes up to `maxRows` ids' worth of the events that arrived before `cutoff` (ms), in one
   * short transaction; returns how many were deleted and whether older ones remain.
   */
  pruneStep(cutoff: number, maxRows: number): { deleted: number; more: boolean } {
    const recent = this.db.prepare(QUERIES.firstIdAtOrAfter).get(cutoff) as { id: number } | undefined;
    const end = recent?.id ?? (this.db.prepare(QUERIES.lastId).get() as { id: number }).id + 1;
    const start = (this.db.prepare(QUERIES.firstId).get() as { id: number }).id;
    if (start >= end) return { deleted: 0, more: false };
    const stop = Math.min(end, start + maxRows);
    const deleted = this.db.prepare(QUERIES.deleteIdRange).run(start, stop).changes;
    return { deleted, more: stop < end };
  }

  /** The stored value for `key`; on first call, stores and returns `initial()`. */
  metaOnce(key: string, initial: () => string): string {
    this.db.prepare(QUERIES.insertMetaIfAbsent).run(key, initial());
    return (this.db.prepare(QUERIES.getMeta).get(key) as { value: string }).value;
  }

  close(): void {
    this.db.close();
  }

  private insertStatement(rows: number): Database.Statement {
    let statement = this.inserts.get(rows);
    if (statement === undefined) {
      statement = this.db.prepare(QUERIES.insertEvents(rows));
      this.inserts.set(rows, statement);
    }
    return statement;
  }

  private migrate(): void {
    const applied = this.db.pragma('user_version', { simple: true }) as number;
    MIGRATIONS.slice(applied).forEach((sql, i) => {
      this.db.transaction(() => {
        this.db.exec(sql);
        this.db.pragma(`user_version = ${applied + i + 1}`);
      })();
    });
  }
}

/** The anonymous parameters of `count` events from `start`, row after row. */
function rowParams(events: readonly NewEvent[], start: number, count: number): unknown[] {
  const params = new Array<unknown>(count * COLUMNS);
  let p = 0;
  for (let i = start; i < start + count; i++) {
    const e = events[i]!;
    params[p++] = e.kind;
    params[p++] = e.emailId;
    params[p++] = e.recipientId;
    params[p++] = e.linkIndex;
    params[p++] = e.url;
    params[p++] = e.at;
    params[p++] = e.ip;
    params[p++] = e.userAgent;
    params[p++] = e.method;
  }
  return params;
}
