/**
 * Runs one job per document after a delay, the latest request winning (debounce), and never two
 * jobs back to back without yielding to the event loop, so protocol messages (cancellation, new
 * edits, shutdown) are read between analyses.
 */
export class Scheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly queue = new Set<string>();
  private draining = false;

  constructor(private readonly run: (key: string) => void) {}

  schedule(key: string, delayMs: number): void {
    this.cancel(key);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.queue.add(key);
        this.drain();
      }, delayMs),
    );
  }

  cancel(key: string): void {
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    this.timers.delete(key);
    this.queue.delete(key);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.queue.clear();
  }

  private drain(): void {
    if (this.draining) return;
    this.draining = true;
    const next = (): void => {
      const [key] = this.queue;
      if (key === undefined) {
        this.draining = false;
        return;
      }
      this.queue.delete(key);
      this.run(key);
      setImmediate(next);
    };
    setImmediate(next);
  }
}
