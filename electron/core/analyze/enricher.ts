// Enrichment after the commit, off the acknowledgement path: a PUBACK never waits for the
// analyzers, and the analysis itself runs on its own thread (analysis-thread.ts). Stored
// mentions not yet analyzed (NULL label) are taken in order, a slice at a time, so a burst
// is caught up after it; a restart resumes where it stopped.
import type { SentimentPoint } from '../../../shared/volume'
import type { Logger } from '../logger'
import type { Db } from '../store/db'
import type { AnalysisThread } from './analysis-thread'
import type { Analysis } from './analyze-mention'
import { factorsFromAnalysis, rankOf } from '../../../shared/priority'
import { CoalescedRunner } from '../coalesced-runner'
import { assignEchoes } from './echo-groups'
import type { TopicTagger } from './topic-tagger'

/** Mentions analyzed per slice: one read, one hand-over to the thread, one write. */
const SLICE = 500

export interface EnrichedSlice {
  /** analysis stood at fromSeq before this slice and at upToSeq after it */
  fromSeq: number
  upToSeq: number
  deltas: SentimentPoint[]
}

export class Enricher {
  private stopped = false
  private readonly runner = new CoalescedRunner(
    () => this.drain(),
    (err) => this.log.error(`enrichment: ${err.message}`)
  )

  constructor(
    private readonly db: Db,
    private readonly thread: AnalysisThread,
    private readonly onSlice: (slice: EnrichedSlice) => void,
    private readonly log: Logger,
    /** tags mentions with tracking-rule topics, in the slice's transaction */
    private readonly topics?: TopicTagger
  ) {}

  /** New mentions were stored: analyze what isn't yet. */
  kick(): void {
    this.runner.kick()
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (this.stopped) return
      const rows = await this.db.all<{ seq: number; text: string; lang: string | null; ts_ms: number }>(
        'SELECT seq, text, lang, ts_ms FROM mentions INDEXED BY mentions_unanalyzed WHERE sentiment_label IS NULL ORDER BY seq LIMIT ?',
        [SLICE]
      )
      if (rows.length === 0) return
      const analyses = await this.thread.analyze(rows.map((r) => ({ text: r.text, lang: r.lang })))
      const results = rows.map((r, i) => ({
        seq: r.seq,
        minute: Math.floor(r.ts_ms / 60_000) * 60_000,
        ...analyses[i]
      }))
      const deltas = new Map<number, SentimentPoint>()
      for (const r of results) {
        const d = deltas.get(r.minute) ?? { minute: r.minute, negative: 0, neutral: 0, positive: 0, originals: 0 }
        d[r.label]++
        deltas.set(r.minute, d)
      }
      // mentions per minute and language, for the per-language spike series (alert-monitor.ts)
      const byLang = new Map<string, [number, string, number]>()
      rows.forEach((r, i) => {
        const lang = analyses[i].lang ?? r.lang ?? 'und'
        const minute = results[i].minute
        const key = `${minute}:${lang}`
        const entry = byLang.get(key) ?? [minute, lang, 0]
        entry[2]++
        byLang.set(key, entry)
      })
      if (this.stopped) return
      const fromSeq = await this.db.transaction(async () => {
        const before =
          (await this.db.get<{ up_to_seq: number }>('SELECT up_to_seq FROM enrichment_progress WHERE id = 1'))
            ?.up_to_seq ?? 0
        await this.db.run(
          `UPDATE mentions SET detected_lang = j.value->>1, lang_confidence = j.value->>2, sentiment = j.value->>3, sentiment_label = j.value->>4,
                  intent = j.value->>5, urgent = j.value->>6, personal = j.value->>7
             FROM json_each(?) AS j WHERE mentions.seq = j.value->>0`,
          [
            JSON.stringify(
              results.map((r) => [
                r.seq,
                r.lang,
                r.confidence,
                r.score,
                r.label,
                r.intent,
                JSON.stringify(r.urgent),
                JSON.stringify(r.personal)
              ])
            )
          ]
        )
        await refineQueue(this.db, results)
        // unique voices: a mention that echoes an earlier one is not counted again
        const echoOf = await assignEchoes(this.db, results)
        await this.topics?.tag(rows.map((r, i) => ({ seq: r.seq, text: r.text, lang: analyses[i].lang ?? r.lang })))
        for (const r of results) if (!echoOf.get(r.seq)) deltas.get(r.minute)!.originals++
        await this.db.run(
          `INSERT INTO minute_sentiment (minute_ms, negative, neutral, positive, originals)
             SELECT value->>0, value->>1, value->>2, value->>3, value->>4 FROM json_each(?) WHERE true
           ON CONFLICT (minute_ms) DO UPDATE SET negative = negative + excluded.negative, neutral = neutral + excluded.neutral, positive = positive + excluded.positive,
             originals = originals + excluded.originals`,
          [JSON.stringify([...deltas.values()].map((d) => [d.minute, d.negative, d.neutral, d.positive, d.originals]))]
        )
        await this.db.run(
          `INSERT INTO minute_lang (minute_ms, lang, count) SELECT value->>0, value->>1, value->>2 FROM json_each(?) WHERE true
           ON CONFLICT (minute_ms, lang) DO UPDATE SET count = count + excluded.count`,
          [JSON.stringify([...byLang.values()])]
        )
        await this.db.run('UPDATE enrichment_progress SET up_to_seq = ? WHERE id = 1', [rows[rows.length - 1].seq])
        return before
      })
      this.onSlice({ fromSeq, upToSeq: rows[rows.length - 1].seq, deltas: [...deltas.values()] })
      if (!this.thread.threaded) await new Promise((resolve) => setImmediate(resolve)) // in line: let ingest and the API run between slices
    }
  }

  /** Stops after the slice under way, which is committed whole or not at all. */
  async stop(): Promise<void> {
    this.stopped = true
    await this.runner.stop()
  }
}

/** The queue's factors and stored rank, now from the analyzers rather than the first estimate. */
async function refineQueue(db: Db, results: readonly (Analysis & { seq: number })[]): Promise<void> {
  const bySeq = new Map(results.map((r) => [r.seq, r]))
  const queued = await db.all<{ mention_seq: number; reach: number; arrival_ms: number }>(
    'SELECT mention_seq, reach, arrival_ms FROM queue_items WHERE mention_seq BETWEEN ? AND ?',
    [results[0].seq, results[results.length - 1].seq]
  )
  const rows = queued.flatMap((q) => {
    const a = bySeq.get(q.mention_seq)
    if (!a) return []
    const f = factorsFromAnalysis(q.reach, a)
    return [[q.mention_seq, f.negativity, f.urgency, f.question, rankOf(f, q.arrival_ms)]]
  })
  if (rows.length === 0) return
  await db.run(
    `UPDATE queue_items SET negativity = j.value->>1, urgency = j.value->>2, question = j.value->>3, rank = j.value->>4
       FROM json_each(?) AS j WHERE queue_items.mention_seq = j.value->>0`,
    [JSON.stringify(rows)]
  )
}

export async function enrichedUpTo(db: Db): Promise<number> {
  return (await db.get<{ up_to_seq: number }>('SELECT up_to_seq FROM enrichment_progress WHERE id = 1'))?.up_to_seq ?? 0
}

/** As recentVolume: counted back from the newest minute up to `limitMs`, the stream's present. */
export async function recentSentiment(db: Db, minutes: number, limitMs: number): Promise<SentimentPoint[]> {
  const rows = await db.all<{
    minute_ms: number
    negative: number
    neutral: number
    positive: number
    originals: number
  }>(
    `SELECT minute_ms, negative, neutral, positive, originals FROM minute_sentiment
      WHERE minute_ms <= ? AND minute_ms > (SELECT max(minute_ms) FROM minute_volume WHERE minute_ms <= ?) - ? * 60000 ORDER BY minute_ms`,
    [limitMs, limitMs, minutes]
  )
  return rows.map((r) => ({
    minute: r.minute_ms,
    negative: r.negative,
    neutral: r.neutral,
    positive: r.positive,
    originals: r.originals
  }))
}
