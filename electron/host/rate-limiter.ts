// A fixed-window counter per key (client address): enough to make guessing passwords
// through the sign-in route slow, on top of the per-account lockout.
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>()

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now
  ) {}

  /** true if this attempt is allowed */
  take(key: string): boolean {
    const t = this.now()
    const w = this.windows.get(key)
    if (!w || t - w.start >= this.windowMs) {
      if (this.windows.size > 10_000) this.prune(t) // bounded memory under a spray of addresses
      this.windows.set(key, { start: t, count: 1 })
      return true
    }
    w.count++
    return w.count <= this.limit
  }

  private prune(t: number) {
    for (const [k, w] of this.windows) if (t - w.start >= this.windowMs) this.windows.delete(k)
  }
}
