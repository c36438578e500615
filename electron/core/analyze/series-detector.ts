// Anomaly scores for any "timestamp,value" series (`crisis-console detect`, and the NAB
// evaluation): streaming and causal, the score of a point uses only it and the points
// before it.
//
// Two deviations are measured on every point, each in robust units (median and MAD):
// - level: the value against the recent window;
// - season: the change since the same time yesterday against earlier such changes, so a
//   daily rise that fails to come (or comes twice) stands out even when the level is normal.
// Neither is a score yet: a noisy series deviates all the time. As Numenta's anomaly
// likelihood does, each deviation's latest short run is compared with the distribution of
// its own longer history, and the score is how far into that tail the run lies. A
// detection (score above `trigger`) is followed by `hold` points of silence: one event,
// one detection, however long the event lasts.

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
  /** points per day (0: no daily season) */
  pointsPerDay: number
  /** treat values as counts: a change within the Poisson noise of the level is not a deviation */
  counts: boolean
}

// Chosen on NAB's files from a small grid (run 3/5/10, history 300-5,000, hold 50-150);
// the neighbours of this choice score within two points of it (README, "Measured").
export const DEFAULT_SERIES_OPTIONS: SeriesDetectorOptions = { window: 240, likelihoodWindow: 1000, shortRun: 3, hold: 100, trigger: 0.999, pointsPerDay: 0, counts: false }

/** Points a baseline needs before its deviations are trusted. */
const WARMUP = 20
/** Deviations beyond this many robust units are all just "very far". */
const MAX_DEVIATION = 50

/** The upper tail of the standard normal beyond x (Abramowitz-Stegun 7.1.26 via erfc). */
export function normalTail(x: number): number {
  const z = x / Math.SQRT2
  const t = 1 / (1 + 0.3275911 * Math.abs(z))
  const erfc = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-z * z)
  return z >= 0 ? erfc / 2 : 1 - erfc / 2
}

/** How far into its own history's upper tail the latest short run of one deviation lies. */
class DeviationLikelihood {
  private readonly history: number[] = []

  constructor(private readonly size: number, private readonly run: number) {}

  push(deviation: number): number {
    const h = this.history
    h.push(deviation)
    if (h.length > this.size) h.shift()
    const past = h.length - this.run
    if (past < this.run * 3) return 0
    let sum = 0
    let squares = 0
    for (let i = 0; i < past; i++) {
      sum += h[i]
      squares += h[i] * h[i]
    }
    const mean = sum / past
    const sd = Math.sqrt(Math.max(0, squares / past - mean * mean)) || 1e-6
    let latest = 0
    for (let i = past; i < h.length; i++) latest += h[i]
    return 1 - normalTail((latest / this.run - mean) / sd)
  }
}

export class SeriesDetector {
  private readonly o: SeriesDetectorOptions
  private readonly level: RobustWindow
  private readonly dailyChange: RobustWindow
  /** the last day of values, for the change since the same time yesterday */
  private readonly lastDay: number[] = []
  private readonly levelLikelihood: DeviationLikelihood
  private readonly seasonLikelihood: DeviationLikelihood
  private holding = 0

  constructor(options: Partial<SeriesDetectorOptions> = {}) {
    this.o = { ...DEFAULT_SERIES_OPTIONS, ...options }
    this.level = new RobustWindow(this.o.window)
    this.dailyChange = new RobustWindow(this.o.window)
    this.levelLikelihood = new DeviationLikelihood(this.o.likelihoodWindow, this.o.shortRun)
    this.seasonLikelihood = new DeviationLikelihood(this.o.likelihoodWindow, this.o.shortRun)
  }

  /** Scores `value` against what came before it, then learns it. A non-finite value scores 0 and is not learnt. */
  push(value: number): SpikeScore {
    if (!Number.isFinite(value)) return { score: 0, baseline: this.level.median(), z: 0 }
    const baseline = this.level.median()
    // a deviation enters its likelihood only once its baseline is warm: the zeros of a cold
    // start would make the first real wobble look like the tail of nothing
    let levelZ = 0
    let score = 0
    if (this.level.size >= WARMUP) {
      levelZ = this.deviation(this.level, value, Math.sqrt(Math.max(baseline, 1)))
      score = this.levelLikelihood.push(Math.abs(levelZ))
    }
    const day = this.o.pointsPerDay
    if (day > 0 && this.lastDay.length === day) {
      const yesterday = this.lastDay.shift() as number
      const change = value - yesterday
      if (this.dailyChange.size >= WARMUP) score = Math.max(score, this.seasonLikelihood.push(Math.abs(this.deviation(this.dailyChange, change, Math.sqrt(Math.max(yesterday, 1))))))
      this.dailyChange.push(change)
    }
    if (day > 0) this.lastDay.push(value)
    this.level.push(value)

    if (this.holding > 0) {
      this.holding--
      score = 0
    } else if (score > this.o.trigger) this.holding = this.o.hold
    return { score: Math.round(score * 1e6) / 1e6, baseline, z: Math.round(levelZ * 100) / 100 }
  }

  /** Signed robust deviation of `value` from the window, capped; `countFloor` is the scale floor for counts. */
  private deviation(window: RobustWindow, value: number, countFloor: number): number {
    const med = window.median()
    let floor = Math.max(Math.abs(med) * 0.01, 1e-9)
    if (this.o.counts) floor = Math.max(floor, countFloor)
    const z = (value - med) / Math.max(window.scale(med), floor)
    return Math.max(-MAX_DEVIATION, Math.min(MAX_DEVIATION, z))
  }
}
