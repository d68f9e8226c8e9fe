// Group commit, main-thread half: the requests read in one turn of the event loop travel to
// the writer as one batch, and each is answered only once its batch has committed. Batches
// do not wait for each other: the writer thread merges whatever is queued into one transaction.

export type Committed = (error: Error | null) => void;

export class GroupCommit<T> {
  private items: T[] = [];
  private waiters: Committed[] = [];
  private idle: (() => void)[] = [];
  private scheduled = false;
  private inFlight = 0;

  /** `commit` stores all items durably, or rejects and stores none. */
  constructor(private readonly commit: (items: T[]) => Promise<void>) {}

  add(item: T, done: Committed): void {
    this.items.push(item);
    this.waiters.push(done);
    if (this.scheduled) return;
    this.scheduled = true;
    // setImmediate runs after the poll phase, so every request read in this turn joins.
    setImmediate(this.send);
  }

  /** Resolves once everything added so far is committed (or failed). */
  drain(): Promise<void> {
    if (this.inFlight === 0 && this.items.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private readonly send = (): void => {
    const { items, waiters } = this;
    this.items = [];
    this.waiters = [];
    this.scheduled = false;
    this.inFlight++;
    const finish = (error: Error | null) => {
      this.inFlight--;
      for (const done of waiters) done(error);
      if (this.inFlight === 0 && this.items.length === 0) for (const resolve of this.idle.splice(0)) resolve();
    };
    this.commit(items).then(
      () => finish(null),
      (error: unknown) => finish(error instanceof Error ? error : new Error(String(error))),
    );
  };
}
