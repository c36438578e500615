// The knowledge bank: search and add entries, suggest the best ones for a queue item, and
// the questions most asked in an incident.
import type { MostAsked } from '../../../shared/statements'
import { refuse } from './api-failure'
import type { HandlerContext, Handlers } from './context'
import { getIncident } from '../store/incidents-repo'
import { getEntry, insertEntry, listEntries, searchEntries, usesInIncident } from '../knowledge/knowledge-repo'
import { mentionForSuggestions, questionsSince } from '../knowledge/incident-questions'

/** How many of an incident's newest questions "most asked" reads; bounded so it stays quick on any incident. */
const MOST_ASKED_WINDOW = 500

export function knowledgeHandlers(
  ctx: HandlerContext
): Handlers<'searchKnowledge' | 'addKnowledge' | 'suggestions' | 'mostAsked'> {
  const { writerDb, readDb } = ctx
  return {
    async searchKnowledge({ q, lang, limit }) {
      if (!q) return (await listEntries(readDb, lang, limit)).map((entry) => ({ entry, score: 0, matched: [] }))
      return searchEntries(readDb, q, lang ?? null, limit)
    },
    async addKnowledge({ lang, question, answer, fromSeq }, { actor }) {
      return writerDb.transaction(async () => {
        if (fromSeq !== undefined && !(await mentionForSuggestions(writerDb, fromSeq)))
          refuse('not_found', `fromSeq: no mention ${fromSeq}`)
        return insertEntry(
          writerDb,
          { lang, question, answer, createdBy: actor.name, sourceSeq: fromSeq ?? null },
          ctx.now()
        )
      })
    },
    async suggestions({ seq, limit }) {
      const m = (await mentionForSuggestions(readDb, seq)) ?? refuse('not_found', `no mention ${seq}`)
      return searchEntries(readDb, m.text, m.lang, limit)
    },
    async mostAsked({ id, limit }) {
      const incident = (await getIncident(readDb, id)) ?? refuse('not_found', `no incident ${id}`)
      const asked = new Map<number, MostAsked>()
      const questions = await questionsSince(
        readDb,
        Date.parse(incident.startedAt),
        incident.resolvedAt ? Date.parse(incident.resolvedAt) : null,
        MOST_ASKED_WINDOW
      )
      for (const q of questions) {
        const [best] = await searchEntries(readDb, q.text, q.lang, 1)
        if (!best) continue
        const row = asked.get(best.entry.id) ?? { entry: best.entry, asked: 0, used: 0 }
        row.asked++
        asked.set(best.entry.id, row)
      }
      for (const [entryId, used] of await usesInIncident(readDb, id)) {
        const entry = asked.get(entryId)?.entry ?? (await getEntry(readDb, entryId))
        if (entry) asked.set(entryId, { entry, asked: asked.get(entryId)?.asked ?? 0, used })
      }
      return [...asked.values()]
        .sort((a, b) => b.asked + b.used - (a.asked + a.used) || a.entry.id - b.entry.id)
        .slice(0, limit)
    }
  }
}
