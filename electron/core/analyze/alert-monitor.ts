// Spike alerts, live. When a minute closes (a mention from a later minute arrived, or the
// stream is quiet and the clock has passed it), its counts go through causal
// detectors: all mentions, each channel, each language and the negative share. A high score
// on any of them raises one alert for the minute, with its drivers (the channels, languages
// and terms that rose), stored, put on the incident's timeline and handed to `onAlert`.
// The position is stored with each alert, and on start the detectors re-learn the hours
// before it, so a restart neither misses a minute nor alerts on one twice.
import { MINUTE_MS, minuteOf } from '../../../shared/volume'
import type { AlertDriver, AlertSeries, AlertSeverity, AlertTrigger, SpikeAlert } from '../../../shared/alerts'
import { describeAlert } from '../../../shared/alerts'
import type { Db } from '../store/db'
import type { Logger } from '../logger'
import { insertAlert } from '../store/alerts-repo'
import { activeIncident, addIncidentEvent } from '../store/incidents-repo'
import { CoalescedRunner } from '../coalesced-runner'
import { SpikeDetector, type SpikeOptions, type SpikeScore } from './spike-detector'
import { risingTerms } from './rising-terms'

/** A minute counts as closed this long after its end on the clock (late arrivals). */
const GRACE_MS = 2_000
/** The stream counts as quiet when nothing was stored for this long. */
const IDLE_MS = 1_000
/** How long a closed minute waits for the analyzers before it is scored without them. */
const ENRICHMENT_WAIT_MS = 3_000
/** History the detectors learn from on start, and the most the monitor catches up after a pause. */
const HISTORY_MINUTES = 6 * 60
/** Minutes read per round. */
const CHUNK_MINUTES = 240
/** A channel or language needs this many mentions in the minute to raise an alert on its own. */
const MIN_TRIGGER_COUNT = 10
/** The negative share is only measured on minutes with this many analyzed mentions. */
const MIN_SHARE_SAMPLE = 30
const ALERT_SCORE = 0.5
const SEVERE_SCORE = 0.8
/** A rise began where the total was this many deviations above its baseline. */
const RISE_Z = 2
const DRIVERS_KEPT = 4
const TERM_SAMPLE = 3_000

const COUNT_SERIES: Partial<SpikeOptions> = { window: 240, warmup: 20, pointsPerDay: 1440, counts: true }
const SHARE_SERIES: Partial<SpikeOptions> = { window: 240, warmup: 20, pointsPerDay: 1440, minScale: 0.05 }

interface MinuteData {
  minute: number
  total: number
  channels: Map<string, number>
  langs: Map<string, number>
  /** negative share of analyzed mentions, when there are enough of them */
  negativeShare: number | null
}

interface Scored {
  series: AlertSeries
  value: number
  s: SpikeScore
}

export interface AlertMonitorDeps {
  writerDb: Db
  readDb: Db
  now: () => number
  log: Logger
  /** when the last mentions were stored (engine clock) */
  lastCommitMs: () => number
  /** the stream's present (StreamPresent): minutes after it are not closed yet */
  presentLimitMs: () => number
  /** true when every stored mention has been analyzed */
  enrichmentCaughtUp: () => Promise<boolean>
  onAlert: (alert: SpikeAlert) => void
  /** minutes up to and including `lastMinute` have closed */
  onMinutesClosed?: (lastMinute: number) => void
}

export class AlertMonitor {
  private readonly detectors = new Map<AlertSeries, SpikeDetector>()
  /** the total's deviation per recent minute, to find where a rise began */
  private readonly totalZ: { minute: number; z: number }[] = []
  private cursor: number | null = null
  private minutesSeen = 0
  private waitingSince: number | null = null
  private timer: NodeJS.Timeout | null = null
  private readonly runner: CoalescedRunner

  constructor(private readonly d: AlertMonitorDeps) {
    this.runner = new CoalescedRunner(
      () => this.closeMinutes(),
      (err) => d.log.error(`spike alerts: ${err.message}`)
    )
  }

  async start(): Promise<void> {
    const row = await this.d.readDb.get<{ next_minute_ms: number }>(
      'SELECT next_minute_ms FROM alert_monitor WHERE id = 1'
    )
    if (row) {
      this.cursor = row.next_minute_ms
      // Re-learn only minutes the store covers: before the data began there were no quiet
      // minutes, just no data. Counting them as zeros made the baseline 0 after a restart
      // and walked the rise's start back over the whole history. From the first stored
      // minute, as the first start did, the detectors end where they were.
      const first = (
        await this.d.readDb.get<{ m: number | null }>(
          'SELECT min(minute_ms) AS m FROM minute_volume WHERE minute_ms >= ? AND minute_ms < ?',
          [row.next_minute_ms - HISTORY_MINUTES * MINUTE_MS, row.next_minute_ms]
        )
      )?.m
      if (typeof first === 'number') await this.learn(first, row.next_minute_ms)
    }
    // a minute closes on the clock even when nothing arrives: check every second
    this.timer = setInterval(() => this.runner.kick(), 1000)
    this.timer.unref()
    this.runner.kick()
  }

  /** Mentions were stored or analyzed: a minute may have closed. */
  kick(): void {
    this.runner.kick()
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    await this.runner.stop()
  }

  private async closeMinutes(): Promise<void> {
    const db = this.d.readDb
    const newest =
      (
        await db.get<{ m: number | null }>('SELECT max(minute_ms) AS m FROM minute_volume WHERE minute_ms <= ?', [
          this.d.presentLimitMs()
        ])
      )?.m ?? null
    if (newest === null) return
    // While mentions keep arriving, only their own times close a minute (a back-filled
    // history arrives "late" but whole); once the stream is quiet, the clock closes it.
    const idle = this.d.now() - this.d.lastCommitMs() >= IDLE_MS
    const closedBefore = idle ? Math.max(minuteOf(this.d.now() - GRACE_MS), newest) : newest
    if (this.cursor === null) {
      // first start: begin with the recent data there is, not with years of an old import
      const first = (
        await db.get<{ m: number | null }>('SELECT min(minute_ms) AS m FROM minute_volume WHERE minute_ms >= ?', [
          closedBefore - HISTORY_MINUTES * MINUTE_MS
        ])
      )?.m
      if (first === null || first === undefined) return
      this.cursor = first
    }
    if (this.cursor >= closedBefore) return
    if (!(await this.d.enrichmentCaughtUp())) {
      // real elapsed time, not the engine's clock: this waits on the analyzers' work
      this.waitingSince ??= performance.now()
      if (performance.now() - this.waitingSince < ENRICHMENT_WAIT_MS) return
    }
    this.waitingSince = null
    if (closedBefore - this.cursor > HISTORY_MINUTES * MINUTE_MS) {
      this.d.log.warn(
        `spike alerts: ${Math.round((closedBefore - this.cursor) / MINUTE_MS)} minutes behind; scoring the last ${HISTORY_MINUTES} only`
      )
      this.cursor = closedBefore - HISTORY_MINUTES * MINUTE_MS
    }
    while (this.cursor < closedBefore) {
      const from = this.cursor
      const to = Math.min(closedBefore, from + CHUNK_MINUTES * MINUTE_MS)
      const minutes = await readMinutes(db, from, to)
      const alerts: Omit<Parameters<typeof insertAlert>[1], 'incidentId'>[] = []
      for (const m of minutes) {
        const scored = this.push(m)
        const triggers = scored.filter((x) => isTrigger(x)).sort((a, b) => b.s.score - a.s.score)
        if (triggers.length === 0) continue
        const startedMs = this.riseStart(m.minute)
        const score = triggers[0].s.score
        const severity: AlertSeverity = score >= SEVERE_SCORE ? 'severe' : 'warning'
        alerts.push({
          minuteMs: m.minute,
          startedMs,
          severity,
          score,
          triggers: triggers.map((x): AlertTrigger => ({
            series: x.series,
            value: round(x.value),
            baseline: round(x.s.baseline),
            score: x.s.score
          })),
          drivers: {
            channels: risers(scored, 'channel:'),
            languages: risers(scored, 'lang:'),
            terms: await termDrivers(db, startedMs, m.minute)
          }
        })
      }
      const stored = await this.d.writerDb.transaction(async () => {
        const out: SpikeAlert[] = []
        const incident = alerts.length ? await activeIncident(this.d.writerDb) : null
        for (const a of alerts) {
          const alert = await insertAlert(this.d.writerDb, { ...a, incidentId: incident?.id ?? null }, this.d.now())
          if (!alert) continue
          if (incident) {
            await addIncidentEvent(
              this.d.writerDb,
              {
                incidentId: incident.id,
                actor: 'spike detector',
                type: 'alert.spike',
                data: {
                  alert: alert.id,
                  severity: alert.severity,
                  summary: describeAlert(alert),
                  drivers: alert.drivers
                },
                occurredMs: alert.startedAt ? Date.parse(alert.startedAt) : a.minuteMs
              },
              this.d.now()
            )
          }
          out.push(alert)
        }
        await this.d.writerDb.run(
          'INSERT INTO alert_monitor (id, next_minute_ms) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET next_minute_ms = excluded.next_minute_ms',
          [to]
        )
        return out
      })
      this.cursor = to
      for (const a of stored) this.d.onAlert(a)
    }
    this.d.onMinutesClosed?.(closedBefore - MINUTE_MS)
  }

  /** Re-learns [from, to) without alerting: what the detectors knew before a restart. */
  private async learn(from: number, to: number): Promise<void> {
    for (let start = from; start < to; start += CHUNK_MINUTES * MINUTE_MS) {
      for (const m of await readMinutes(this.d.readDb, start, Math.min(to, start + CHUNK_MINUTES * MINUTE_MS)))
        this.push(m)
    }
  }

  /** Scores one closed minute on every series and learns it. */
  private push(m: MinuteData): Scored[] {
    const out: Scored[] = []
    const score = (series: AlertSeries, value: number, options: Partial<SpikeOptions>) => {
      let det = this.detectors.get(series)
      if (!det) {
        this.detectors.set(series, (det = new SpikeDetector(options)))
        // a channel or language seen for the first time was quiet in every minute before
        if (series !== 'negative_share')
          for (let i = 0; i < Math.min(this.minutesSeen, HISTORY_MINUTES); i++) det.push(0)
      }
      out.push({ series, value, s: det.push(value) })
    }
    this.minutesSeen++
    score('total', m.total, COUNT_SERIES)
    // every series seen before gets this minute too, as 0 when it was quiet
    for (const series of this.detectors.keys()) {
      if (series.startsWith('channel:') && !m.channels.has(series.slice(8))) m.channels.set(series.slice(8), 0)
      if (series.startsWith('lang:') && !m.langs.has(series.slice(5))) m.langs.set(series.slice(5), 0)
    }
    for (const [c, n] of m.channels) score(`channel:${c}`, n, COUNT_SERIES)
    for (const [l, n] of m.langs) score(`lang:${l}`, n, COUNT_SERIES)
    if (m.negativeShare !== null) score('negative_share', m.negativeShare, SHARE_SERIES)
    const total = out[0]
    this.totalZ.push({ minute: m.minute, z: total.value >= total.s.baseline ? total.s.z : -total.s.z })
    if (this.totalZ.length > 30) this.totalZ.shift()
    return out
  }

  /** The first minute of the run of raised totals that ends at `minute`. */
  private riseStart(minute: number): number {
    let start = minute
    for (let i = this.totalZ.length - 2; i >= 0; i--) {
      const p = this.totalZ[i]
      if (p.minute !== start - MINUTE_MS || p.z < RISE_Z) break
      start = p.minute
    }
    return start
  }
}

function isTrigger(x: Scored): boolean {
  if (x.s.score < ALERT_SCORE || x.value <= x.s.baseline) return false
  return x.series === 'total' || x.series === 'negative_share' || x.value >= MIN_TRIGGER_COUNT
}

const round = (v: number) => Math.round(v * 1000) / 1000

function risers<K extends string>(scored: Scored[], prefix: string): AlertDriver<K>[] {
  return scored
    .filter((x) => x.series.startsWith(prefix) && x.value > x.s.baseline && x.s.z >= RISE_Z)
    .sort((a, b) => b.value - b.s.baseline - (a.value - a.s.baseline))
    .slice(0, DRIVERS_KEPT)
    .map((x) => ({ key: x.series.slice(prefix.length) as K, value: x.value, baseline: round(x.s.baseline) }))
}

/** Terms of the spike's minutes against the hour before the rise began. */
async function termDrivers(db: Db, startedMs: number, minute: number): Promise<AlertDriver<string>[]> {
  const texts = (from: number, to: number) =>
    db.all<{ text: string; lang: string | null }>(
      'SELECT text, coalesce(detected_lang, lang) AS lang FROM mentions WHERE ts_ms >= ? AND ts_ms < ? LIMIT ?',
      [from, to, TERM_SAMPLE]
    )
  const [current, before] = await Promise.all([
    texts(startedMs, minute + MINUTE_MS),
    texts(startedMs - 60 * MINUTE_MS, startedMs)
  ])
  return risingTerms(current, before, { limit: DRIVERS_KEPT }).map((t) => ({
    key: t.term,
    value: t.count,
    baseline: t.baseline
  }))
}

/** Every minute in [from, to), quiet ones included, with its counts. */
async function readMinutes(db: Db, from: number, to: number): Promise<MinuteData[]> {
  const [volume, langs, sentiment] = await Promise.all([
    db.all<{ minute_ms: number; channel: string; count: number }>(
      'SELECT minute_ms, channel, count FROM minute_volume WHERE minute_ms >= ? AND minute_ms < ?',
      [from, to]
    ),
    db.all<{ minute_ms: number; lang: string; count: number }>(
      'SELECT minute_ms, lang, count FROM minute_lang WHERE minute_ms >= ? AND minute_ms < ?',
      [from, to]
    ),
    db.all<{ minute_ms: number; negative: number; neutral: number; positive: number }>(
      'SELECT * FROM minute_sentiment WHERE minute_ms >= ? AND minute_ms < ?',
      [from, to]
    )
  ])
  const minutes = new Map<number, MinuteData>()
  for (let m = from; m < to; m += MINUTE_MS)
    minutes.set(m, { minute: m, total: 0, channels: new Map(), langs: new Map(), negativeShare: null })
  for (const r of volume) {
    const m = minutes.get(r.minute_ms)
    if (!m) continue
    m.total += r.count
    m.channels.set(r.channel, r.count)
  }
  for (const r of langs) minutes.get(r.minute_ms)?.langs.set(r.lang, r.count)
  for (const r of sentiment) {
    const m = minutes.get(r.minute_ms)
    const n = r.negative + r.neutral + r.positive
    if (m && n >= MIN_SHARE_SAMPLE) m.negativeShare = r.negative / n
  }
  return [...minutes.values()]
}
