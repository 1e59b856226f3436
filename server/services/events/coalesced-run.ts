/**
 * Runs `pass` when woken, never twice at once: a wake while a pass runs is remembered, and one
 * more pass follows it, however many wakes came. What the event hub and the webhook dispatcher
 * do on a database signal: the signal says only "there is something after where you are", so
 * signals that arrive together need one read, and one that arrives during a read needs another.
 */
export class CoalescedRun {
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    private readonly pass: () => Promise<void>,
    /** Told when a pass fails; the next wake starts a new one. */
    private readonly onError: (error: unknown) => void,
  ) {}

  wake(): void {
    if (this.stopped) return;
    if (this.running !== undefined) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.pass();
      } while (this.again && !this.stopped);
    })()
      .catch((error: unknown) => this.onError(error))
      .finally(() => {
        this.running = undefined;
      });
  }

  /** No pass starts after this; resolves when the one running (if any) has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }
}
