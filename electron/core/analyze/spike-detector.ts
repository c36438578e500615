// Streaming, causal spike detection: the score of a point uses only that point and the ones
// before it. Robust statistics (median and MAD, not mean and deviation) so one burst doesn't
// hide the next; a floor on the scale for low counts (a minute going from 0 to 2 mentions is
// not a crisis: Poisson noise is about the square root of the level); and, once a few days
// of history exist, the same time of day on earlier days as a second baseline, so the daily
// morning rise isn't an alert. After a spike the detector holds off briefly: one event, one
// alert. This is the live alerts' detector: its score is a plain function of the deviation,
// so an alert's severity reads the same on every series. Arbitrary series (`detect`, NAB)
// get the likelihood-based `SeriesDetector`.

import { RobustWindow } from './robust-window'

export interface SpikeOptions {
  /** points of recent history the baseline is taken from */
  window: number
  /** points before any score is given */
  warmup: number
  /** points per day, for the seasonal baseline (0: no seasonality) */
  pointsPerDay: number
  /** z (in robust deviations) at which the score reaches 0.5 */
  z50: number
  /** points after a high score during which further scores are damped */
  refractory: number
  /** treat values as counts: the scale is at least the Poisson noise of the level */
  counts: boolean
  /** the smallest scale a deviation is measured in (a share wobbling by 0.1% is not a spike) */
  minScale: number
}

export const DEFAULT_SPIKE_OPTIONS: SpikeOptions = {
  window: 240,
  warmup: 20,
  pointsPerDay: 0,
  z50: 6,
  refractory: 30,
  counts: false,
  minScale: 0
}

/** Points per day for a series sampled every `stepMs`, when a day is a sensible season for it (hourly or finer). */
export function pointsPerDay(stepMs: number): number {
  return stepMs > 0 && stepMs <= 3600_000 && 86_400_000 % stepMs === 0 ? 86_400_000 / stepMs : 0
}

const MAD_TO_SIGMA = 1.4826

function median(sorted: readonly number[]): number {
  const n = sorted.length
  if (n === 0) return 0
  const m = n >> 1
  return n % 2 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2
}

function robust(values: readonly number[]): { med: number; scale: number } {
  const sorted = [...values].sort((a, b) => a - b)
  const med = median(sorted)
  const dev = sorted.map((v) => Math.abs(v - med)).sort((a, b) => a - b)
  return { med, scale: MAD_TO_SIGMA * median(dev) }
}

export interface SpikeScore {
  /** 0..1 */
  score: number
  /** the value it was compared with */
  baseline: number
  /** robust deviations from the baseline (signed) */
  z: number
}

export class SpikeDetector {
  private readonly recent: RobustWindow
  private readonly all: number[] = []
  private cooldown = 0
  private readonly o: SpikeOptions

  constructor(options: Partial<SpikeOptions> = {}) {
    this.o = { ...DEFAULT_SPIKE_OPTIONS, ...options }
    this.recent = new RobustWindow(this.o.window)
  }

  /** Scores `value` against what came before it, then learns it. */
  push(value: number): SpikeScore {
    const result = this.score(value)
    if (!Number.isFinite(value)) return result // told, not learnt: one bad point must not poison the baseline
    this.recent.push(value)
    if (this.o.pointsPerDay > 0) {
      this.all.push(value)
      const keep = this.o.pointsPerDay * 7 + 1
      if (this.all.length > keep) this.all.shift()
    }
    return result
  }

  private score(value: number): SpikeScore {
    if (!Number.isFinite(value) || this.recent.size === 0) return { score: 0, baseline: value, z: 0 }
    const med = this.recent.median()
    const scale = this.recent.scale(med)
    // still learning: no score yet, but the deviation is told (a new channel's first burst is a driver)
    if (this.recent.size < this.o.warmup)
      return { score: 0, baseline: med, z: Math.round(this.zOf(value, med, scale) * 100) / 100 }
    let z = this.zOf(value, med, scale)
    let baseline = med
    // the same time on earlier days: if today's rise happens every day, it isn't a spike
    const seasonal = this.seasonal()
    if (seasonal) {
      const zs = this.zOf(value, seasonal.med, seasonal.scale)
      if (Math.abs(zs) < Math.abs(z)) {
        z = zs
        baseline = seasonal.med
      }
    }
    let score = z <= 0 ? 0 : 1 - Math.pow(0.5, z / this.o.z50)
    if (this.cooldown > 0) {
      this.cooldown--
      score *= 0.5
    } else if (score >= 0.5) this.cooldown = this.o.refractory
    return { score: Math.round(score * 10_000) / 10_000, baseline, z: Math.round(z * 100) / 100 }
  }

  /** Deviation in robust units, with floors so a flat history doesn't make every wiggle infinite. */
  private zOf(value: number, med: number, scale: number): number {
    let floor = Math.max(Math.abs(med) * 0.01, 1e-9)
    if (this.o.counts) floor = Math.max(floor, Math.sqrt(Math.max(med, 1)))
    floor = Math.max(floor, this.o.minScale)
    return Math.abs(value - med) / Math.max(scale, floor)
  }

  private seasonal(): { med: number; scale: number } | null {
    const day = this.o.pointsPerDay
    if (day <= 0) return null
    const same: number[] = []
    // this time of day (±2 points) on each earlier day kept
    for (let back = day; back <= this.all.length; back += day) {
      for (let d = -2; d <= 2; d++) {
        const i = this.all.length - back + d
        if (i >= 0 && i < this.all.length) same.push(this.all[i])
      }
    }
    return same.length >= 10 ? robust(same) : null
  }
}
