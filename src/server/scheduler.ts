/**
 * Runs one job per document after a delay, the latest request winning (debounce), one job at a
 * time: the next starts when the previous one's promise settles.
 */
export class Scheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly queue = new Set<string>();
  private draining = false;

  constructor(private readonly run: (key: string) => Promise<void>) {}

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
      void this.run(key).catch(() => undefined).then(next);
    };
    next();
  }
}
