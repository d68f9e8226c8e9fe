// Group commit: every request read in one turn of the event loop joins one batch, committed in
// one transaction right after the poll phase (setImmediate); then each of them is answered.
// The commit is synchronous on this thread: in WAL mode with synchronous = NORMAL it is a
// write() to the log, with no fsync (checkpoints, which do fsync, run on another thread).

export class GroupCommit<T> {
  private items: T[] = [];
  private scheduled = false;

  /**
   * `commit` stores all items durably or throws and stores none; `settle` then answers them,
   * with the commit's error if there was one. Nothing is answered before its commit returned.
   */
  constructor(
    private readonly commit: (items: T[]) => void,
    private readonly settle: (items: T[], error: Error | null) => void,
  ) {}

  add(item: T): void {
    this.items.push(item);
    if (this.scheduled) return;
    this.scheduled = true;
    // setImmediate runs after the poll phase, so every request read in this turn joins.
    setImmediate(this.flush);
  }

  /** Commits and answers whatever is pending now. */
  readonly flush = (): void => {
    this.scheduled = false;
    const items = this.items;
    if (items.length === 0) return;
    this.items = [];
    let error: Error | null = null;
    try {
      this.commit(items);
    } catch (thrown) {
      error = thrown instanceof Error ? thrown : new Error(String(thrown));
    }
    this.settle(items, error);
  };
}
