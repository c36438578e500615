// Tags analyzed mentions with the topics of the open incidents' tracking rules. The rules
// are compiled once and kept until one is added or removed; tagging runs in the
// enricher's transaction, on the language the analyzers detected. A rule added during an
// incident also tags what was already analyzed (backfill): from a day before the incident
// opened, as the review looks for its first signal, in slices so ingest keeps going.
import type { Db } from '../store/db'
import { matchesRule, parseRule, ruleText, type RuleNode } from './tracking-rules'

interface CompiledRule {
  id: number
  lang: string | null
  tree: RuleNode
}

/** Mentions read and tagged per transaction when a rule tags the past. */
const BACKFILL_SLICE = 2_000
/** How far before its incident opened a new rule looks back (the review's first-signal window). */
export const BACKFILL_LOOKBACK_MS = 24 * 3600_000

export class TopicTagger {
  private rules: CompiledRule[] | null = null
  private stopped = false
  private backfills = new Set<Promise<void>>()

  constructor(private readonly db: Db) {}

  /** A rule was added or removed, or an incident opened or closed. */
  invalidate(): void {
    this.rules = null
  }

  private async active(): Promise<CompiledRule[]> {
    if (this.rules) return this.rules
    const rows = await this.db.all<{ id: number; query: string; lang: string | null }>(
      'SELECT r.id, r.query, r.lang FROM tracking_rules r JOIN incidents i ON i.id = r.incident_id WHERE r.removed_ms IS NULL AND i.resolved_ms IS NULL'
    )
    this.rules = rows.map((r) => ({ id: r.id, lang: r.lang, tree: parseRule(r.query) }))
    return this.rules
  }

  /**
   * Tags the mentions analyzed before rule `ruleId` existed, in the background; resolves
   * when done (or stopped). Mentions analyzed from now on are the enricher's: the rule is in
   * its set once `invalidate()` has run, and a mention tagged by both is recorded once.
   */
  backfill(ruleId: number): Promise<void> {
    const run = this.runBackfill(ruleId).finally(() => this.backfills.delete(run))
    this.backfills.add(run)
    return run
  }

  private async runBackfill(ruleId: number): Promise<void> {
    const rule = await this.db.get<{ query: string; lang: string | null; started_ms: number }>(
      'SELECT r.query, r.lang, i.started_ms FROM tracking_rules r JOIN incidents i ON i.id = r.incident_id WHERE r.id = ?',
      [ruleId]
    )
    if (!rule) return
    const compiled = [{ id: ruleId, lang: rule.lang, tree: parseRule(rule.query) }]
    const fromMs = rule.started_ms - BACKFILL_LOOKBACK_MS
    // where the window starts in stream order (an import of older mentions can sit later; the time filter below still holds)
    let after =
      ((
        await this.db.get<{ first: number | null }>('SELECT min(seq) AS first FROM mentions WHERE ts_ms >= ?', [fromMs])
      )?.first ?? 1) - 1
    const upTo =
      (await this.db.get<{ up_to_seq: number }>('SELECT up_to_seq FROM enrichment_progress WHERE id = 1'))?.up_to_seq ??
      0
    while (!this.stopped && after < upTo) {
      after = await this.db.transaction(async () => {
        const rows = await this.db.all<{ seq: number; text: string; lang: string | null }>(
          `SELECT seq, text, coalesce(detected_lang, lang) AS lang FROM mentions
            WHERE seq > ? AND seq <= ? AND ts_ms >= ? AND sentiment_label IS NOT NULL ORDER BY seq LIMIT ?`,
          [after, upTo, fromMs, BACKFILL_SLICE]
        )
        await this.record(compiled, rows)
        return rows.length === BACKFILL_SLICE ? rows[rows.length - 1].seq : upTo
      })
    }
  }

  /** Stops backfills after the slice under way. */
  async stop(): Promise<void> {
    this.stopped = true
    await Promise.all([...this.backfills])
  }

  /** Records which rules each mention matches. Call inside the enricher's transaction. */
  async tag(items: readonly { seq: number; text: string; lang: string | null }[]): Promise<void> {
    await this.record(await this.active(), items)
  }

  private async record(
    rules: readonly CompiledRule[],
    items: readonly { seq: number; text: string; lang: string | null }[]
  ): Promise<void> {
    if (rules.length === 0) return
    const hits: [number, number][] = []
    for (const item of items) {
      let text: ReturnType<typeof ruleText> | null = null
      for (const r of rules) {
        if (r.lang !== null && r.lang !== item.lang) continue
        text ??= ruleText(item.text, item.lang)
        if (matchesRule(r.tree, text)) hits.push([item.seq, r.id])
      }
    }
    if (hits.length)
      await this.db.run(
        'INSERT OR IGNORE INTO mention_topics (mention_seq, rule_id) SELECT value->>0, value->>1 FROM json_each(?)',
        [JSON.stringify(hits)]
      )
  }
}
