// Mentions and their per-minute volume. Plain functions with the database first.
import type { Channel } from '../../../shared/mention'
import type { MentionSummary } from '../../../shared/api'
import { minuteOf, type VolumePoint } from '../../../shared/volume'
import type { Db } from './db'

/** A validated mention, flattened for storage. */
export interface MentionRow {
  channel: Channel
  id: string
  tsMs: number
  handle: string
  followers: number
  lang: string | null
  text: string
  /** the mention as received, JSON */
  doc: string
}

export interface InsertedMentions {
  /** rows actually stored; a (channel, id) already present is left out */
  inserted: MentionSummary[]
  deltas: VolumePoint[]
  /** highest mention seq among the inserted rows (0 when none) */
  maxSeq: number
}

const SUMMARY_TEXT = 280

/** The columns a MentionSummary is made of, as SQL selects them (from table alias `t`). */
export function summaryColumns(t = ''): string {
  const p = t ? `${t}.` : ''
  return `${p}seq, ${p}channel, ${p}id, ${p}ts_ms, ${p}author_handle, ${p}followers, ${p}lang, substr(${p}text, 1, ${SUMMARY_TEXT}) AS text`
}
export const SUMMARY_COLUMNS = summaryColumns()

export interface SummaryRow {
  seq: number
  channel: Channel
  id: string
  ts_ms: number
  author_handle: string
  followers: number
  lang: string | null
  text: string
}

export const toSummary = (s: SummaryRow): MentionSummary => ({
  seq: s.seq,
  channel: s.channel,
  id: s.id,
  ts: new Date(s.ts_ms).toISOString(),
  author: s.author_handle,
  followers: s.followers,
  lang: s.lang,
  text: s.text
})

/**
 * Stores a batch in one statement (one thread-pool round trip for thousands of rows,
 * DESIGN 6) and adds the new rows to the per-minute volume. Call inside a transaction.
 */
export async function insertMentions(
  db: Db,
  rows: readonly MentionRow[],
  receivedMs: number
): Promise<InsertedMentions> {
  if (rows.length === 0) return { inserted: [], deltas: [], maxSeq: 0 }
  const packed = JSON.stringify(
    rows.map((r) => [r.channel, r.id, r.tsMs, r.handle, r.followers, r.lang, r.text, r.doc])
  )
  const stored = await db.all<SummaryRow>(
    `INSERT INTO mentions (channel, id, ts_ms, received_ms, author_handle, followers, lang, text, doc)
     SELECT value->>0, value->>1, value->>2, ?, value->>3, value->>4, value->>5, value->>6, value->>7
       FROM json_each(?) WHERE true
     ON CONFLICT (channel, id) DO NOTHING
     RETURNING ${SUMMARY_COLUMNS}`,
    [receivedMs, packed]
  )
  const deltas = countByMinute(stored.map((s) => ({ channel: s.channel, tsMs: s.ts_ms })))
  if (deltas.length > 0) {
    await db.run(
      `INSERT INTO minute_volume (minute_ms, channel, count)
       SELECT value->>0, value->>1, value->>2 FROM json_each(?) WHERE true
       ON CONFLICT (minute_ms, channel) DO UPDATE SET count = count + excluded.count`,
      [JSON.stringify(deltas.map((d) => [d.minute, d.channel, d.count]))]
    )
  }
  return {
    maxSeq: stored.reduce((m, s) => Math.max(m, s.seq), 0),
    inserted: stored.map(toSummary),
    deltas
  }
}

export function countByMinute(items: readonly { channel: Channel; tsMs: number }[]): VolumePoint[] {
  const counts = new Map<string, VolumePoint>()
  for (const { channel, tsMs } of items) {
    const minute = minuteOf(tsMs)
    const key = `${minute}|${channel}`
    const p = counts.get(key)
    if (p) p.count++
    else counts.set(key, { minute, channel, count: 1 })
  }
  return [...counts.values()]
}

export async function countMentions(db: Db): Promise<number> {
  return (await db.get<{ n: number }>('SELECT count(*) AS n FROM mentions'))?.n ?? 0
}

/** The newest mention's seq: the version of everything the wall shows (0 when empty). */
export async function lastMentionSeq(db: Db): Promise<number> {
  return (await db.get<{ s: number }>('SELECT coalesce(max(seq), 0) AS s FROM mentions'))?.s ?? 0
}

export async function totalsByChannel(db: Db): Promise<Partial<Record<Channel, number>>> {
  const rows = await db.all<{ channel: Channel; n: number }>(
    'SELECT channel, sum(count) AS n FROM minute_volume GROUP BY channel'
  )
  return Object.fromEntries(rows.map((r) => [r.channel, r.n]))
}

/** The last `minutes` minutes of volume, counted back from the newest minute with data up to `limitMs` (the stream's present). */
export async function recentVolume(db: Db, minutes: number, limitMs: number): Promise<VolumePoint[]> {
  const rows = await db.all<{ minute_ms: number; channel: Channel; count: number }>(
    `SELECT minute_ms, channel, count FROM minute_volume
      WHERE minute_ms <= ? AND minute_ms > (SELECT max(minute_ms) FROM minute_volume WHERE minute_ms <= ?) - ? * 60000
      ORDER BY minute_ms, channel`,
    [limitMs, limitMs, minutes]
  )
  return rows.map((r) => ({ minute: r.minute_ms, channel: r.channel, count: r.count }))
}

export async function latestMentions(db: Db, limit: number): Promise<MentionSummary[]> {
  const rows = await db.all<SummaryRow>(`SELECT ${SUMMARY_COLUMNS} FROM mentions ORDER BY seq DESC LIMIT ?`, [limit])
  return rows.map(toSummary)
}

/** Mentions dated after `limitMs` (the stream's present), per channel. */
export async function mentionsAfter(
  db: Db,
  limitMs: number
): Promise<{ channel: string; count: number; latest: string }[]> {
  const rows = await db.all<{ channel: string; n: number; latest: number }>(
    'SELECT channel, count(*) AS n, max(ts_ms) AS latest FROM mentions WHERE ts_ms > ? GROUP BY channel ORDER BY n DESC',
    [limitMs]
  )
  return rows.map((r) => ({ channel: r.channel, count: r.n, latest: new Date(r.latest).toISOString() }))
}
