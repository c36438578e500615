// Per-minute volume series for the wall: pure, bounded, shared by the engine (snapshots)
// and the renderer (live merge of pushed deltas).
import type { Channel } from './mention'

export const MINUTE_MS = 60_000

export interface VolumePoint {
  /** start of the minute, ms since the epoch (UTC) */
  minute: number
  channel: Channel
  count: number
}

/** One chart row: a minute and a count per channel (absent channel = 0). */
export interface VolumeRow {
  minute: number
  counts: Partial<Record<Channel, number>>
}

export const minuteOf = (ms: number): number => Math.floor(ms / MINUTE_MS) * MINUTE_MS

/**
 * Adds `deltas` to `rows` (sorted by minute) and returns a new sorted array holding at most
 * `maxMinutes` minutes, counted back from the newest minute seen: the live buffer stays
 * bounded however long the wall runs. Deltas older than that window are dropped here; the
 * totals elsewhere still count them.
 */
export function mergeVolume(
  rows: readonly VolumeRow[],
  deltas: readonly VolumePoint[],
  maxMinutes: number
): VolumeRow[] {
  const byMinute = new Map<number, VolumeRow>()
  for (const r of rows) byMinute.set(r.minute, { minute: r.minute, counts: { ...r.counts } })
  for (const d of deltas) {
    let row = byMinute.get(d.minute)
    if (!row) {
      row = { minute: d.minute, counts: {} }
      byMinute.set(d.minute, row)
    }
    row.counts[d.channel] = (row.counts[d.channel] ?? 0) + d.count
  }
  const sorted = [...byMinute.values()].sort((a, b) => a.minute - b.minute)
  if (sorted.length === 0) return sorted
  const oldestKept = sorted[sorted.length - 1].minute - (maxMinutes - 1) * MINUTE_MS
  return sorted.filter((r) => r.minute >= oldestKept)
}

/**
 * Rows for a chart: every minute of the window present (zeros filled in), so a quiet
 * minute reads as quiet rather than being skipped by the x axis.
 */
export function fillMinutes(rows: readonly VolumeRow[], windowMinutes: number, endMinute?: number): VolumeRow[] {
  const end = endMinute ?? (rows.length ? rows[rows.length - 1].minute : undefined)
  if (end === undefined) return []
  const byMinute = new Map(rows.map((r) => [r.minute, r]))
  const out: VolumeRow[] = []
  for (let m = end - (windowMinutes - 1) * MINUTE_MS; m <= end; m += MINUTE_MS) {
    out.push(byMinute.get(m) ?? { minute: m, counts: {} })
  }
  return out
}

export function rowTotal(row: VolumeRow): number {
  let n = 0
  for (const c of Object.values(row.counts)) n += c ?? 0
  return n
}

/** Mentions per sentiment in one minute (the mentions' own minute, as volume). */
export interface SentimentPoint {
  minute: number
  negative: number
  neutral: number
  positive: number
  /** analyzed mentions that echo no earlier one (retweets and near-copies collapsed): unique voices */
  originals: number
}
