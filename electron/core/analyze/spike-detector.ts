// Streaming, causal spike detection: the score of a point uses only that point and the ones
// before it. Robust statistics (median and MAD, not mean and deviation) so one burst doesn't
// hide the next; a floor on the scale for low counts (a minute going from 0 to 2 mentions is
// not a crisis: Poisson noise is about the square root of the level); and, once a few days
// of history exist, the same time of day on earlier days as a second baseline, so the daily
// morning rise isn't an alert. After a spike the detector holds off briefly: one event, one
// alert.

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
  /**
   * points of deviations the "how unusual is this run of deviations" step compares the
   * latest few with (as Numenta's anomaly likelihood does); 0 scores each point alone
   */
  likelihoodWindow: number
  /** the smallest scale a deviation is measured in (a share wobbling by 0.1% is not a spike) */
  minScale: number
}

export const DEFAULT_SPIKE_OPTIONS: SpikeOptions = { window: 240, warmup: 20, pointsPerDay: 0, z50: 6, refractory: 30, counts: false, likelihoodWindow: 0, minScale: 0 }

/** Points averaged for the short run of deviations. */
const SHORT_RUN = 5

/** The upper tail of the standard normal beyond x (Abramowitz-Stegun 7.1.26 via erfc). */
function normalTail(x: number): number {
  const z = x / Math.SQRT2
  const t = 1 / (1 + 0.3275911 * Math.abs(z))
  const erfc = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-z * z)
  return z >= 0 ? erfc / 2 : 1 - erfc / 2
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
  private readonly recent: number[] = []
  private readonly deviations: number[] = []
  private readonly all: number[] = []
  private cooldown = 0
  private readonly o: SpikeOptions

  constructor(options: Partial<SpikeOptions> = {}) {
    this.o = { ...DEFAULT_SPIKE_OPTIONS, ...options }
  }

  /** Scores `value` against what came before it, then learns it. */
  push(value: number): SpikeScore {
    const result = this.score(value)
    this.recent.push(value)
    if (this.recent.length > this.o.window) this.recent.shift()
    if (this.o.pointsPerDay > 0) {
      this.all.push(value)
      const keep = this.o.pointsPerDay * 7 + 1
      if (this.all.length > keep) this.all.shift()
    }
    return result
  }

  private score(value: number): SpikeScore {
    if (!Number.isFinite(value) || this.recent.length === 0) return { score: 0, baseline: value, z: 0 }
    const { med, scale } = robust(this.recent)
    // still learning: no score yet, but the deviation is told (a new channel's first burst is a driver)
    if (this.recent.length < this.o.warmup) return { score: 0, baseline: med, z: Math.round(this.zOf(value, med, scale) * 100) / 100 }
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
    if (this.o.likelihoodWindow > 0) score = this.likelihood(Math.min(z, 50))
    if (this.cooldown > 0) {
      this.cooldown--
      score *= 0.5
    } else if (score >= 0.5) this.cooldown = this.o.refractory
    return { score: Math.round(score * 10_000) / 10_000, baseline, z: Math.round(z * 100) / 100 }
  }

  /**
   * How unusual the latest short run of deviations is against the deviations seen before:
   * one noisy point among noisy points scores low, a run standing out from calm scores high.
   */
  private likelihood(z: number): number {
    this.deviations.push(z)
    if (this.deviations.length > this.o.likelihoodWindow) this.deviations.shift()
    const n = this.deviations.length
    if (n < SHORT_RUN * 4) return 0
    const past = this.deviations.slice(0, n - SHORT_RUN)
    const mean = past.reduce((a, b) => a + b, 0) / past.length
    const sd = Math.sqrt(past.reduce((a, b) => a + (b - mean) ** 2, 0) / past.length) || 1e-6
    const run = this.deviations.slice(n - SHORT_RUN).reduce((a, b) => a + b, 0) / SHORT_RUN
    return 1 - normalTail((run - mean) / sd)
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
