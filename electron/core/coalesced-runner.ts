// One background job at a time, however often it is asked for: a kick while it runs makes
// exactly one more run after it, so nothing asked for is missed and nothing piles up. Used
// by the delivery dispatcher and the enricher.
export class CoalescedRunner {
  private running: Promise<void> | null = null
  private again = false
  private stopped = false

  constructor(
    private readonly work: () => Promise<void>,
    private readonly onError: (err: Error) => void
  ) {}

  kick(): void {
    if (this.stopped) return
    if (this.running) {
      this.again = true
      return
    }
    this.running = this.work()
      .catch((err: Error) => {
        if (!this.stopped) this.onError(err)
      })
      .finally(() => {
        this.running = null
        if (this.again) {
          this.again = false
          this.kick()
        }
      })
  }

  /** No more runs; resolves when the one under way has finished. */
  async stop(): Promise<void> {
    this.stopped = true
    await this.running
  }
}
