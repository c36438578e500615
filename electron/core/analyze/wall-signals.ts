// The wall's standing signals beside the charts: the terms rising now (the last 10 closed
// minutes against the hour before, see rising-terms.ts) and the most-followed negative
// mentions of the last hour. Both are kept in memory, refreshed as minutes close and as
// mentions are analyzed, and pushed to consoles when they change.
import type { MentionSummary } from '../../../shared/api'
import type { RisingTermEntry } from '../../../shared/wall'
import { MINUTE_MS } from '../../../shared/volume'
import type { Db } from '../store/db'
import { SUMMARY_COLUMNS, toSummary, type SummaryRow } from '../store/mentions-repo'
import { risingTerms } from './rising-terms'

const RECENT_MINUTES = 10
const BASELINE_MINUTES = 60
const TEXT_SAMPLE = 4_000
const TERMS_KEPT = 8
const TOP_KEPT = 5
/** a mention needs this reach to be "high-reach" */
export const HIGH_REACH_FOLLOWERS = 1_000

export class WallSignals {
  private terms: RisingTermEntry[] = []
  private termsMinute = 0
  private top: MentionSummary[] = []

  constructor(
    private readonly db: Db,
    private readonly onChange: (signals: { risingTerms: RisingTermEntry[]; topNegative: MentionSummary[] }) => void,
    /** the stream's present (StreamPresent): mentions dated after it don't set the hour */
    private readonly presentLimitMs: () => number
  ) {}

  current() {
    return { risingTerms: this.terms, topNegative: this.top }
  }

  /** On start: the last hour's top negative mentions as stored. */
  async load(): Promise<void> {
    const newest = (
      await this.db.get<{ m: number | null }>('SELECT max(minute_ms) AS m FROM minute_volume WHERE minute_ms <= ?', [
        this.presentLimitMs()
      ])
    )?.m
    if (newest === null || newest === undefined) return
    const rows = await this.db.all<SummaryRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM mentions WHERE ts_ms >= ? AND sentiment_label = 'negative' AND followers >= ? ORDER BY followers DESC LIMIT ?`,
      [newest - BASELINE_MINUTES * MINUTE_MS, HIGH_REACH_FOLLOWERS, TOP_KEPT]
    )
    this.top = rows.map(toSummary)
    await this.minuteClosed(newest)
  }

  /** Mentions (fromSeq, upToSeq] were analyzed: any negative high-reach ones join the list. */
  async analyzed(fromSeq: number, upToSeq: number): Promise<void> {
    const rows = await this.db.all<SummaryRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM mentions WHERE seq > ? AND seq <= ? AND sentiment_label = 'negative' AND followers >= ? AND ts_ms <= ? ORDER BY followers DESC LIMIT ?`,
      [fromSeq, upToSeq, HIGH_REACH_FOLLOWERS, this.presentLimitMs(), TOP_KEPT]
    )
    this.merge(rows)
  }

  /**
   * Minutes the stream's present has reached after their mentions were analyzed (a source
   * whose clock runs ahead): their negative high-reach mentions may join the list now.
   */
  async reached(minutes: readonly number[]): Promise<void> {
    if (minutes.length === 0) return
    const rows = await this.db.all<SummaryRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM mentions WHERE ts_ms >= ? AND ts_ms < ? AND ts_ms <= ? AND sentiment_label = 'negative' AND followers >= ? ORDER BY followers DESC LIMIT ?`,
      [Math.min(...minutes), Math.max(...minutes) + MINUTE_MS, this.presentLimitMs(), HIGH_REACH_FOLLOWERS, TOP_KEPT]
    )
    this.merge(rows)
  }

  /** The loudest of the list and these, within the hour before the newest; told only if it changed. */
  private merge(rows: SummaryRow[]): void {
    if (rows.length === 0) return
    const newest = Math.max(...rows.map((r) => r.ts_ms), ...this.top.map((m) => Date.parse(m.ts)))
    const bySeq = new Map([...this.top, ...rows.map(toSummary)].map((m) => [m.seq, m]))
    const merged = [...bySeq.values()].filter((m) => Date.parse(m.ts) >= newest - BASELINE_MINUTES * MINUTE_MS)
    const next = merged.sort((a, b) => b.followers - a.followers || b.seq - a.seq).slice(0, TOP_KEPT)
    if (next.map((m) => m.seq).join() === this.top.map((m) => m.seq).join()) return
    this.top = next
    this.onChange(this.current())
  }

  /** Minutes up to `minute` have closed: the rising terms of the last ten against the hour before. */
  async minuteClosed(minute: number): Promise<void> {
    if (minute <= this.termsMinute) return
    this.termsMinute = minute
    const end = minute + MINUTE_MS
    const texts = (from: number, to: number) =>
      this.db.all<{ text: string; lang: string | null }>(
        'SELECT text, coalesce(detected_lang, lang) AS lang FROM mentions WHERE ts_ms >= ? AND ts_ms < ? LIMIT ?',
        [from, to, TEXT_SAMPLE]
      )
    const recentFrom = end - RECENT_MINUTES * MINUTE_MS
    const [recent, before] = await Promise.all([
      texts(recentFrom, end),
      texts(recentFrom - BASELINE_MINUTES * MINUTE_MS, recentFrom)
    ])
    const next = risingTerms(recent, before, { limit: TERMS_KEPT }).map((t) => ({
      ...t,
      langs: langsOf(t.term, recent)
    }))
    if (JSON.stringify(next) === JSON.stringify(this.terms)) return
    this.terms = next
    this.onChange(this.current())
  }
}

/** The languages of the texts that carry a term, most frequent first (the wall marks them). */
function langsOf(term: string, texts: { text: string; lang: string | null }[]): string[] {
  const counts = new Map<string, number>()
  const needle = term.toLowerCase()
  for (const t of texts)
    if (t.text.toLowerCase().includes(needle)) counts.set(t.lang ?? 'und', (counts.get(t.lang ?? 'und') ?? 0) + 1)
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 2)
    .map(([l]) => l)
}
