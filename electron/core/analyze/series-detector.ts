// Anomaly scores for any "timestamp,value" series (`crisis-console detect`, and the NAB
// evaluation): streaming and causal, the score of a point uses only it and the points
// before it.
//
// Two deviations are measured on every point, each in robust units (median and MAD):
// - level: the value against the recent window;
// - season: the change since the same time yesterday against earlier such changes, so a
//   daily rise that fails to come (or comes twice) stands out even when the level is normal.
//   Once a week of history is there, the change since the same time last week is taken too
//   and the smaller of the two counts: a quiet Saturday is unlike Friday but like last
//   Saturday, and only a change unlike both is news.
// Neither is a score yet: a noisy series deviates all the time. As Numenta's anomaly
// likelihood does, each deviation's latest short run is compared with the distribution of
// its own longer history, and the score is how far into that tail the run lies. A
// detection (score above `trigger`) is followed by `hold` points of silence: one event,
// one detection, however long the event lasts. And anomalies are rare: while earlier
// detections are remembered, a new one needs a rarer tail.
// Both are also measured on coarser scales, the sums of `block` consecutive points, of `block`
// such sums, and so on: a change in how often a series spikes, or a slow drift, moves no
// median of single points, but it moves the sums.
// One thing is news whatever the likelihood says: a value beyond the whole range seen so far
// (by more than `recordTolerance` of that range). Numenta's NAB detector does the same
// ("spatial anomaly", tolerance 0.05): people reading a chart call a new extreme an anomaly.

import { RobustWindow } from './robust-window'
import type { SpikeScore } from './spike-detector'

export interface SeriesDetectorOptions {
  /** points of recent history the level and season baselines are taken from */
  window: number
  /** points of past deviations the latest run is compared with */
  likelihoodWindow: number
  /** points in the latest run */
  shortRun: number
  /** points of silence after a detection */
  hold: number
  /** the score that counts as a detection and starts the hold */
  trigger: number
  /** points a detection is remembered for, each making the next one need twice the evidence */
  alarmMemory: number
  /** points per day (0: no daily season) */
  pointsPerDay: number
  /** treat values as counts: a change within the Poisson noise of the level is not a deviation */
  counts: boolean
  /** how far beyond the range seen so far, as a share of it, a value is a detection by itself (0: never) */
  recordTolerance: number
  /** values of one scale summed into one value of the next coarser scale (0 or 1: no coarse scales) */
  block: number
}

// Chosen on NAB's files from a small grid (run 2-10, hold 50-150, window 120-480, block 3-48);
// the neighbours of this choice score within five points of it (README, "Measured"). The
// record tolerance and the likelihood's history (8,640 points, a month of 5-minute points)
// are Numenta's, not chosen here.
export const DEFAULT_SERIES_OPTIONS: SeriesDetectorOptions = {
  window: 240,
  likelihoodWindow: 8640,
  shortRun: 3,
  hold: 100,
  trigger: 0.999,
  alarmMemory: 2000,
  pointsPerDay: 0,
  counts: false,
  recordTolerance: 0.05,
  block: 8
}

/** Points a baseline needs before its deviations are trusted. */
const WARMUP = 20
/**
 * Only keeps the likelihood's sums finite. Deviations are not capped lower: on a spiky
 * series the ordinary spikes are tens of units, and a cap there would make a hundredfold
 * spike look like all the others.
 */
const MAX_DEVIATION = 1e6

/** The upper tail of the standard normal beyond x (Abramowitz-Stegun 7.1.26 via erfc). */
export function normalTail(x: number): number {
  const z = x / Math.SQRT2
  const t = 1 / (1 + 0.3275911 * Math.abs(z))
  const erfc =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-z * z)
  return z >= 0 ? erfc / 2 : 1 - erfc / 2
}

/**
 * How far into its own history's upper tail the latest short run of one deviation lies. The
 * history's sums are kept as values come and go, so a long history costs no more per point.
 */
class DeviationLikelihood {
  /** the last `size` deviations as a ring: deviation number n sits in slot n % size */
  private readonly ring: Float64Array
  private pushed = 0
  /** sums over the history before the latest run, and over the latest run */
  private pastSum = 0
  private pastSquares = 0
  private runSum = 0

  constructor(
    private readonly size: number,
    private readonly run: number
  ) {
    this.ring = new Float64Array(size)
  }

  push(deviation: number): number {
    const { ring, size, run } = this
    if (this.pushed >= size) {
      const oldest = ring[this.pushed % size]
      this.pastSum -= oldest
      this.pastSquares -= oldest * oldest
    }
    ring[this.pushed % size] = deviation
    this.pushed++
    this.runSum += deviation
    if (this.pushed > run) {
      const left = ring[(this.pushed - run - 1) % size] // it has just left the latest run
      this.runSum -= left
      this.pastSum += left
      this.pastSquares += left * left
    }
    if (this.pushed % size === 0) this.resum() // what adding and taking away leaves over
    const past = Math.min(this.pushed, size) - run
    // a handful of past deviations is no distribution: a coarse scale, which gets one value
    // per block, would take its first wobble for a tail
    if (past < Math.max(run * 3, WARMUP)) return 0
    const mean = this.pastSum / past
    const sd = Math.sqrt(Math.max(0, this.pastSquares / past - mean * mean)) || 1e-6
    return 1 - normalTail((this.runSum / run - mean) / sd)
  }

  private resum(): void {
    const n = Math.min(this.pushed, this.size)
    this.pastSum = 0
    this.pastSquares = 0
    this.runSum = 0
    for (let k = 1; k <= n; k++) {
      const v = this.ring[(this.pushed - k) % this.size]
      if (k <= this.run) this.runSum += v
      else {
        this.pastSum += v
        this.pastSquares += v * v
      }
    }
  }
}

/**
 * Signed deviation of `value` from the window in robust units. For counts, `countsLevel` is
 * the level whose Poisson noise is the least scale (null for other values). When more than
 * half the window holds one value the MAD is 0, and the mean absolute deviation still sees
 * the rest of it.
 */
function deviation(window: RobustWindow, value: number, countsLevel: number | null): number {
  const med = window.median()
  const scale = window.scale(med) || window.meanDeviation(med)
  const poisson = countsLevel === null ? 0 : Math.sqrt(Math.max(countsLevel, 1))
  const z = (value - med) / Math.max(scale, poisson, Math.abs(med) * 0.01, 1e-9)
  return Math.max(-MAX_DEVIATION, Math.min(MAX_DEVIATION, z))
}

/** The change of each value since one period ago, in robust units of the earlier such changes. */
class SeasonalChange {
  /** the last period of values as a ring: slot `seen % period` holds the value one period ago */
  private readonly past: Float64Array
  private seen = 0
  private readonly changes: RobustWindow

  constructor(
    period: number,
    window: number,
    private readonly counts: boolean
  ) {
    this.past = new Float64Array(period)
    this.changes = new RobustWindow(window)
  }

  /** The size of this value's change, or null while a period or the baseline of changes is still missing; then learns it. */
  next(value: number): number | null {
    const slot = this.seen++ % this.past.length
    const before = this.past[slot]
    this.past[slot] = value
    if (this.seen <= this.past.length) return null
    const change = value - before
    const z =
      this.changes.size >= WARMUP ? Math.abs(deviation(this.changes, change, this.counts ? before : null)) : null
    this.changes.push(change)
    return z
  }
}

/**
 * The level's and the season's deviations at one scale, each against its own likelihood, and
 * through `coarser` the same at every coarser scale: the sums of `block` values of this one.
 */
class Scale {
  private readonly level: RobustWindow
  private readonly daily?: SeasonalChange
  private readonly weekly?: SeasonalChange
  private readonly levelLikelihood: DeviationLikelihood
  private readonly seasonLikelihood: DeviationLikelihood
  private coarser?: Scale
  private blockSum = 0
  private blockValues = 0

  constructor(private readonly o: SeriesDetectorOptions) {
    this.level = new RobustWindow(o.window)
    if (o.pointsPerDay > 0) {
      this.daily = new SeasonalChange(o.pointsPerDay, o.window, o.counts)
      this.weekly = new SeasonalChange(o.pointsPerDay * 7, o.window, o.counts)
    }
    this.levelLikelihood = new DeviationLikelihood(o.likelihoodWindow, o.shortRun)
    this.seasonLikelihood = new DeviationLikelihood(o.likelihoodWindow, o.shortRun)
  }

  median(): number {
    return this.level.median()
  }

  /** The largest likelihood of `value` here and at the coarser scales whose block it completes; then learns it. */
  push(value: number): { score: number; levelZ: number } {
    // a deviation enters its likelihood only once its baseline is warm: the zeros of a cold
    // start would make the first real wobble look like the tail of nothing
    let levelZ = 0
    let score = 0
    if (this.level.size >= WARMUP) {
      levelZ = deviation(this.level, value, this.o.counts ? this.level.median() : null)
      score = this.levelLikelihood.push(Math.abs(levelZ))
    }
    const daily = this.daily?.next(value) ?? null
    const weekly = this.weekly?.next(value) ?? null
    const season = daily !== null && weekly !== null ? Math.min(daily, weekly) : daily
    if (season !== null) score = Math.max(score, this.seasonLikelihood.push(season))
    this.level.push(value)
    return { score: Math.max(score, this.coarserScore(value)), levelZ }
  }

  private coarserScore(value: number): number {
    if (this.o.block < 2) return 0
    this.blockSum += value
    if (++this.blockValues < this.o.block) return 0
    const sum = this.blockSum
    this.blockSum = 0
    this.blockValues = 0
    // Sums, not means: a sum of counts is a count, so the Poisson floor still holds. No season
    // (a day of sums is a handful of values). Made at the first block, so a scale exists only
    // once the series is long enough to fill it.
    this.coarser ??= new Scale({ ...this.o, pointsPerDay: 0 })
    return this.coarser.push(sum).score
  }
}

export class SeriesDetector {
  private readonly o: SeriesDetectorOptions
  private readonly scale: Scale
  private holding = 0
  /** points pushed so far, and the point numbers of the detections still remembered */
  private points = 0
  private readonly detections: number[] = []
  /** the range of every value learnt so far */
  private lowest = Infinity
  private highest = -Infinity

  constructor(options: Partial<SeriesDetectorOptions> = {}) {
    this.o = { ...DEFAULT_SERIES_OPTIONS, ...options }
    this.scale = new Scale(this.o)
  }

  /** Scores `value` against what came before it, then learns it. A non-finite value scores 0 and is not learnt. */
  push(value: number): SpikeScore {
    const baseline = this.scale.median()
    if (!Number.isFinite(value)) return { score: 0, baseline, z: 0 }
    const { score: likelihood, levelZ } = this.scale.push(value)
    let score = this.isRecord(value) ? 1 : likelihood

    // a series that keeps firing has heavier tails than the likelihood's normal curve: each
    // detection still remembered halves the tail a new one may sit in
    this.points++
    const detections = this.detections
    while (detections.length > 0 && detections[0] <= this.points - this.o.alarmMemory) detections.shift()
    score = Math.max(0, 1 - (1 - score) * 2 ** detections.length)
    if (this.holding > 0) {
      this.holding--
      score = 0
    } else if (score > this.o.trigger) {
      this.holding = this.o.hold
      detections.push(this.points)
    }
    return { score: Math.round(score * 1e6) / 1e6, baseline, z: Math.round(levelZ * 100) / 100 }
  }

  /**
   * Whether `value` lies beyond the range seen so far by more than the tolerance, then widens
   * the range. Only once a full level window has been seen: the first points set the range.
   */
  private isRecord(value: number): boolean {
    const tolerance = (this.highest - this.lowest) * this.o.recordTolerance
    const record =
      this.o.recordTolerance > 0 &&
      this.points >= this.o.window &&
      tolerance > 0 &&
      (value > this.highest + tolerance || value < this.lowest - tolerance)
    this.lowest = Math.min(this.lowest, value)
    this.highest = Math.max(this.highest, value)
    return record
  }
}
