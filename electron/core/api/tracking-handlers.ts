// Tracking rules per incident: a query that doesn't parse is refused with what is wrong
// and where; the tagger picks up every change at once.
import { refuse } from './api-failure'
import type { HandlerContext, Handlers } from './context'
import type { TrackingRule } from '../../../shared/tracking'
import { parseRule, RuleError } from '../analyze/tracking-rules'
import type { TopicTagger } from '../analyze/topic-tagger'
import { addIncidentEvent, getIncident } from '../store/incidents-repo'
import type { Db } from '../store/db'

interface RuleRow {
  id: number
  incident_id: number
  topic: string
  query: string
  lang: string | null
  created_by: string
  created_ms: number
  mentions: number
}

const toRule = (r: RuleRow): TrackingRule => ({
  id: r.id,
  incidentId: r.incident_id,
  topic: r.topic,
  query: r.query,
  lang: r.lang,
  createdBy: r.created_by,
  createdAt: new Date(r.created_ms).toISOString(),
  mentions: r.mentions
})

const rules = (db: Db, where: string, params: unknown[]) =>
  db.all<RuleRow>(
    `SELECT r.*, (SELECT count(*) FROM mention_topics t WHERE t.rule_id = r.id) AS mentions FROM tracking_rules r WHERE r.removed_ms IS NULL AND ${where} ORDER BY r.id`,
    params
  )

export function trackingHandlers(
  ctx: HandlerContext,
  tagger: TopicTagger
): Handlers<'listTrackingRules' | 'addTrackingRule' | 'removeTrackingRule'> {
  const { writerDb, readDb } = ctx
  return {
    listTrackingRules: async ({ incident }) => (await rules(readDb, 'r.incident_id = ?', [incident])).map(toRule),
    async addTrackingRule({ incident, topic, query, lang }, { actor }) {
      try {
        parseRule(query)
      } catch (err) {
        if (err instanceof RuleError) refuse('bad_request', `query: ${err.message}`)
        throw err
      }
      const rule = await writerDb.transaction(async () => {
        const i = (await getIncident(writerDb, incident)) ?? refuse('not_found', `incident: no incident ${incident}`)
        if (i.resolvedAt) refuse('conflict', `incident ${incident} is resolved`)
        const { lastID } = await writerDb.run(
          'INSERT INTO tracking_rules (incident_id, topic, query, lang, created_by, created_ms) VALUES (?, ?, ?, ?, ?, ?)',
          [incident, topic, query, lang ?? null, actor.name, ctx.now()]
        )
        await addIncidentEvent(
          writerDb,
          {
            incidentId: incident,
            actor: actor.name,
            type: 'tracking.added',
            data: { topic, query, lang: lang ?? null }
          },
          ctx.now()
        )
        return (await rules(writerDb, 'r.id = ?', [lastID]))[0]
      })
      tagger.invalidate()
      // what was said before the rule existed counts too; the rule's count grows as it tags
      void tagger
        .backfill(rule.id)
        .catch((err: unknown) =>
          ctx.log.warn(`tracking rule ${rule.id}: tagging earlier mentions failed: ${(err as Error).message}`)
        )
      return toRule(rule)
    },
    async removeTrackingRule({ id }, { actor }) {
      const rule = await writerDb.transaction(async () => {
        const r = (await rules(writerDb, 'r.id = ?', [id]))[0] ?? refuse('not_found', `no tracking rule ${id}`)
        await writerDb.run('UPDATE tracking_rules SET removed_ms = ? WHERE id = ?', [ctx.now(), id])
        await addIncidentEvent(
          writerDb,
          {
            incidentId: r.incident_id,
            actor: actor.name,
            type: 'tracking.removed',
            data: { topic: r.topic, query: r.query }
          },
          ctx.now()
        )
        return r
      })
      tagger.invalidate()
      return toRule(rule)
    }
  }
}
