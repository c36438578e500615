// The last N values of a series with their median and MAD, kept in a sorted copy so each
// new point costs a binary search and a splice rather than sorting the whole window again
// (the detectors ask for both on every point of every series).

const MAD_TO_SIGMA = 1.4826
const MEAN_DEVIATION_TO_SIGMA = 1.2533

export class RobustWindow {
  private readonly order: number[] = []
  private readonly sorted: number[] = []

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.order.length
  }

  push(value: number): void {
    this.order.push(value)
    this.sorted.splice(this.indexOf(value), 0, value)
    if (this.order.length > this.capacity) this.sorted.splice(this.indexOf(this.order.shift() as number), 1)
  }

  median(): number {
    const s = this.sorted
    const n = s.length
    if (n === 0) return 0
    const m = n >> 1
    return n % 2 ? s[m] : (s[m - 1] + s[m]) / 2
  }

  /** Median absolute deviation around `median`, scaled to a normal's standard deviation. */
  scale(median = this.median()): number {
    const s = this.sorted
    const n = s.length
    if (n === 0) return 0
    // the deviations grow outwards from the median on both sides: merge the two runs
    let right = this.indexOf(median)
    let left = right - 1
    let last = 0
    let before = 0
    for (let k = 0; k <= n >> 1; k++) {
      before = last
      const dl = left >= 0 ? median - s[left] : Infinity
      const dr = right < n ? s[right] - median : Infinity
      if (dl <= dr) {
        last = dl
        left--
      } else {
        last = dr
        right++
      }
    }
    return MAD_TO_SIGMA * (n % 2 ? last : (last + before) / 2)
  }

  /**
   * Mean absolute deviation around `median`, scaled to a normal's standard deviation: the
   * spread still seen when more than half the window holds one value and the MAD is 0.
   */
  meanDeviation(median = this.median()): number {
    const n = this.sorted.length
    if (n === 0) return 0
    let sum = 0
    for (const v of this.sorted) sum += Math.abs(v - median)
    return MEAN_DEVIATION_TO_SIGMA * (sum / n)
  }

  private indexOf(value: number): number {
    let lo = 0
    let hi = this.sorted.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (this.sorted[mid] < value) lo = mid + 1
      else hi = mid
    }
    return lo
  }
}
