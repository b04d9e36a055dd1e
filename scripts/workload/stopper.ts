// One stop flag shared by every loop of the workload, with sleeps that end early when it is raised.

export class Stopper {
  stopped = false;
  private wakers = new Set<() => void>();

  /** Resolves after ms, or at once when stop() is called. */
  sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakers.add(done);
    });
  }

  stop(): void {
    this.stopped = true;
    for (const wake of [...this.wakers]) wake();
  }
}
