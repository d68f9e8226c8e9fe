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

const PRUNE_CHUNK = 10_000;

export class EventStore {
  /** Random id of this database file, so cursors from another (replaced) file are recognised. */
  readonly instance: string;
  private readonly db: Database.Database;
  private readonly insertEvent: Database.Statement;
  private readonly insertMany: (events: readonly NewEvent[]) => void;

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    // In WAL mode, NORMAL makes each commit a write() to the log: a killed process loses
    // nothing committed; only an OS crash or power cut may roll back the last commits.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.migrate();
    this.instance = this.metaOnce('instance', () => randomBytes(6).toString('base64url'));
    this.insertEvent = this.db.prepare(QUERIES.insertEvent);
    this.insertMany = this.db.transaction((events: readonly NewEvent[]) => {
      for (const e of events) {
        this.insertEvent.run(e.kind, e.emailId, e.recipientId, e.linkIndex, e.url, e.at, e.ip, e.userAgent, e.method);
      }
    });
  }

  /** Commits all events in one transaction, or none of them. */
  insertBatch(events: readonly NewEvent[]): void {
    this.insertMany(events);
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

  /** Deletes events that arrived before `cutoff` (ms), in short transactions; returns how many. */
  pruneBefore(cutoff: number): number {
    const recent = this.db.prepare(QUERIES.firstIdAtOrAfter).get(cutoff) as { id: number } | undefined;
    const end = recent?.id ?? (this.db.prepare(QUERIES.lastId).get() as { id: number }).id + 1;
    const deleteRange = this.db.prepare(QUERIES.deleteIdRange);
    let start = (this.db.prepare(QUERIES.firstId).get() as { id: number }).id;
    let deleted = 0;
    while (start < end) {
      const stop = Math.min(end, start + PRUNE_CHUNK);
      deleted += deleteRange.run(start, stop).changes;
      start = stop;
    }
    return deleted;
  }

  /** The stored value for `key`; on first call, stores and returns `initial()`. */
  metaOnce(key: string, initial: () => string): string {
    this.db.prepare(QUERIES.insertMetaIfAbsent).run(key, initial());
    return (this.db.prepare(QUERIES.getMeta).get(key) as { value: string }).value;
  }

  close(): void {
    this.db.close();
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
