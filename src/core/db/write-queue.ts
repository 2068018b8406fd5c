/**
 * One writer at a time, in arrival order, with a bound on how many may wait: the shape of
 * every store's write path (SQLite and PostgreSQL alike). A full queue refuses at once with
 * `busy` rather than letting latency and memory grow without limit.
 */
export class DbQueueFullError extends Error {
  readonly code = 'busy';
  constructor(limit: number) {
    super(`the database write queue is full (${limit} waiting); try again shortly`);
  }
}

export class WriteQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;
  private closed = false;

  constructor(private readonly limit: number) {}

  run<T>(job: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('database is closed'));
    if (this.waiting >= this.limit) return Promise.reject(new DbQueueFullError(this.limit));
    this.waiting += 1;
    const run = this.tail.then(job, job);
    this.tail = run.then(
      () => undefined,
      () => undefined,
    );
    return run.finally(() => {
      this.waiting -= 1;
    });
  }

  /** Refuses new jobs and waits for the queued ones. */
  async close(): Promise<void> {
    this.closed = true;
    await this.tail;
  }
}
