/** Counts requests still being answered, so a shutdown can wait for the last one. */
export class RequestTracker {
  private count = 0;
  private readonly idleWaiters = new Set<() => void>();
  private readonly endListeners = new Set<() => void>();

  get inFlight(): number {
    return this.count;
  }

  /** A request started; call the returned function (any number of times) when it is over. */
  begin(): () => void {
    this.count++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.count--;
      for (const listener of [...this.endListeners]) listener();
      if (this.count === 0) {
        for (const resolve of [...this.idleWaiters]) resolve();
        this.idleWaiters.clear();
      }
    };
  }

  /** Resolves when no request is in flight (at once if none is). */
  whenIdle(): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.add(resolve));
  }

  /** Calls `listener` after each request ends; returns its removal. */
  onEnd(listener: () => void): () => void {
    this.endListeners.add(listener);
    return () => void this.endListeners.delete(listener);
  }
}
