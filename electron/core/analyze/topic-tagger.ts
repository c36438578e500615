// Tags analyzed mentions with the topics of the open incidents' tracking rules. The rules
// are compiled once and kept until one is added or removed; tagging runs in the
// enricher's transaction, on the language the analyzers detected.
import type { Db } from '../store/db'
import { matchesRule, parseRule, ruleText, type RuleNode } from './tracking-rules'

interface CompiledRule {
  id: number
  lang: string | null
  tree: RuleNode
}

export class TopicTagger {
  private rules: CompiledRule[] | null = null

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

  /** Records which rules each mention matches. Call inside the enricher's transaction. */
  async tag(items: readonly { seq: number; text: string; lang: string | null }[]): Promise<void> {
    const rules = await this.active()
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
    if (hits.length) await this.db.run('INSERT OR IGNORE INTO mention_topics (mention_seq, rule_id) SELECT value->>0, value->>1 FROM json_each(?)', [JSON.stringify(hits)])
  }
}
