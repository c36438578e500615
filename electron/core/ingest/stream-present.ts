// Where "now" is in the mentions' own times, for everything that follows the newest data:
// the wall's window, its sentiment and signals, and the minutes the spike alerts close.
// Following the newest minute outright lets one source with a wrong time zone, hours
// ahead, carry all of them forward: the chart shows its few mentions and the real minutes
// go unscored. The present here is the latest of the clock and the median time of the last
// stored mentions, plus a margin; a drill replayed at --speed 60 moves it forward (all its
// mentions are ahead), a minority of mentions from ahead does not. Their minutes are still
// stored, and counted once the present reaches them: live events leave them out, and when
// the present reaches one the consoles are told to take a fresh snapshot, which counts it.
import type { Db } from '../store/db'
import { MINUTE_MS } from '../../../shared/volume'

/** How many of the last stored mentions vote on the present. */
const VOTERS = 101
/** How far ahead of that present a minute still counts: sources' clocks differ by a little. */
export const PRESENT_MARGIN_MS = 5 * MINUTE_MS
/** Held-back minutes remembered at most (a source days ahead is refused at ingest anyway). */
const MAX_HELD_BACK = 10_000

export class StreamPresent {
  private readonly recent: number[] = []
  private next = 0
  private median: number | null = null

  constructor(private readonly now: () => number) {}

  /**
   * Seeds the vote from the store, newest first, so a restart mid-drill keeps its present,
   * and the minutes still ahead of it, so their arrival is announced after a restart too.
   */
  async load(db: Db): Promise<void> {
    const rows = await db.all<{ ts_ms: number }>('SELECT ts_ms FROM mentions ORDER BY seq DESC LIMIT ?', [VOTERS])
    this.saw(rows.map((r) => r.ts_ms).reverse())
    const ahead = await db.all<{ minute: number }>(
      'SELECT DISTINCT minute_ms AS minute FROM minute_volume WHERE minute_ms > ? LIMIT ?',
      [this.limitMs(), MAX_HELD_BACK]
    )
    this.within(ahead)
  }

  /** Mentions were stored: their own times. */
  saw(times: Iterable<number>): void {
    for (const t of times) {
      if (this.recent.length < VOTERS) this.recent.push(t)
      else this.recent[this.next] = t
      this.next = (this.next + 1) % VOTERS
    }
    this.median = null
  }

  private readonly heldBack = new Set<number>()

  /** The deltas whose minutes are present or past; the minutes left out are remembered. */
  within<T extends { minute: number }>(deltas: readonly T[]): T[] {
    const limit = this.limitMs()
    const shown: T[] = []
    for (const d of deltas) {
      if (d.minute <= limit) shown.push(d)
      else if (this.heldBack.size < MAX_HELD_BACK) this.heldBack.add(d.minute)
    }
    return shown
  }

  /** The held-back minutes the present has reached since last asked, oldest first. */
  reached(): number[] {
    if (this.heldBack.size === 0) return []
    const limit = this.limitMs()
    const due = [...this.heldBack].filter((m) => m <= limit).sort((a, b) => a - b)
    for (const m of due) this.heldBack.delete(m)
    return due
  }

  /** The latest time (ms) whose minute may count as present or past. */
  limitMs(): number {
    if (this.median === null && this.recent.length) {
      const sorted = [...this.recent].sort((a, b) => a - b)
      this.median = sorted[sorted.length >> 1]
    }
    return Math.max(this.now(), this.median ?? -Infinity) + PRESENT_MARGIN_MS
  }
}
