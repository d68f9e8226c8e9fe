// The outbox's queue condition. recipients_outbox is a partial index: SQLite uses it only for a query that repeats the index's
// WHERE term word for word (sqlite.org/partialindex.html). Every query of the queue carries it,
// or it walks every recipient ever sent (a million rows after a few years of dispatches).
export const IN_OUTBOX = `send_state IN ('queued', 'sending', 'unknown')`;
