// Incidents: create, severity, hand-over, resolve, reopen, on the wall. Every change lands
// on the incident's timeline with who and when, in the same transaction.
import type { Actor, Incident } from '../../../shared/team'
import { refuse } from './api-failure'
import type { HandlerContext, Handlers } from './context'
import {
  addIncidentEvent,
  getIncident,
  incidentEvents,
  insertIncident,
  listIncidents,
  updateIncident,
  type IncidentChange
} from '../store/incidents-repo'
import { findUserByName, toUserSummary } from '../team/users-repo'

export function incidentHandlers(
  ctx: HandlerContext
): Handlers<
  | 'listIncidents'
  | 'createIncident'
  | 'getIncident'
  | 'setSeverity'
  | 'setSla'
  | 'handOver'
  | 'resolveIncident'
  | 'reopenIncident'
  | 'putOnWall'
  | 'setReviewFactors'
  | 'addTimelineEntry'
> {
  const { writerDb, readDb } = ctx

  /** Checks, applies and records one change atomically, then tells every console. */
  async function change(
    id: number,
    actor: Actor,
    decide: (incident: Incident) => Promise<{ change: IncidentChange; type: string; data: Record<string, unknown> }>
  ): Promise<Incident> {
    const updated = await writerDb.transaction(async () => {
      const incident = (await getIncident(writerDb, id)) ?? refuse('not_found', `no incident ${id}`)
      const { change: c, type, data } = await decide(incident)
      await updateIncident(writerDb, id, c)
      await addIncidentEvent(writerDb, { incidentId: id, actor: actor.name, type, data }, ctx.now())
      return (await getIncident(writerDb, id))!
    })
    ctx.emit({ type: 'incident', incident: updated })
    return updated
  }

  return {
    listIncidents: () => listIncidents(readDb),
    async getIncident({ id }) {
      const incident = (await getIncident(readDb, id)) ?? refuse('not_found', `no incident ${id}`)
      return { incident, timeline: await incidentEvents(readDb, id) }
    },
    async createIncident(p, { actor }) {
      const created = await writerDb.transaction(async () => {
        const leadUserId = actor.kind === 'user' && actor.roles.includes('lead') ? actor.userId : null
        const id = await insertIncident(writerDb, { ...p, leadUserId }, ctx.now())
        await addIncidentEvent(
          writerDb,
          { incidentId: id, actor: actor.name, type: 'incident.created', data: { ...p } },
          ctx.now()
        )
        return (await getIncident(writerDb, id))!
      })
      ctx.emit({ type: 'incident', incident: created })
      return created
    },
    setSeverity: ({ id, severity }, { actor }) =>
      change(id, actor, async (i) => {
        if (i.resolvedAt) refuse('conflict', `incident ${id} is resolved; reopen it first`)
        return {
          change: { set: 'severity', severity },
          type: 'incident.severity',
          data: { from: i.severity, to: severity }
        }
      }),
    setSla: ({ id, slaMinutes }, { actor }) =>
      change(id, actor, async (i) => {
        const minutes = { ...i.slaMinutes, ...slaMinutes }
        return { change: { set: 'sla', minutes }, type: 'incident.sla', data: { from: i.slaMinutes, to: minutes } }
      }),
    handOver: ({ id, user }, { actor }) =>
      change(id, actor, async (i) => {
        const target = (await findUserByName(writerDb, user)) ?? refuse('not_found', `no user named "${user}"`)
        const summary = toUserSummary(target)
        if (!summary.roles.includes('lead')) refuse('bad_request', `user: ${summary.name} does not hold the lead role`)
        return {
          change: { set: 'lead', userId: summary.id },
          type: 'incident.lead',
          data: { from: i.lead?.name ?? null, to: summary.name }
        }
      }),
    resolveIncident: ({ id }, { actor }) =>
      change(id, actor, async (i) => {
        if (i.resolvedAt) refuse('conflict', `incident ${id} is already resolved`)
        return { change: { set: 'resolved', atMs: ctx.now() }, type: 'incident.resolved', data: {} }
      }),
    reopenIncident: ({ id }, { actor }) =>
      change(id, actor, async (i) => {
        if (!i.resolvedAt) refuse('conflict', `incident ${id} is not resolved`)
        return { change: { set: 'resolved', atMs: null }, type: 'incident.reopened', data: {} }
      }),
    setReviewFactors: ({ id, ...factors }, { actor }) =>
      change(id, actor, async (i) => ({
        change: { set: 'reviewFactors', factors },
        type: 'incident.review-factors',
        data: { from: i.reviewFactors, to: factors }
      })),
    async addTimelineEntry({ id, text, occurredAt }, { actor }) {
      const nowMs = ctx.now()
      const occurredMs = occurredAt ? Date.parse(occurredAt) : nowMs
      if (occurredMs > nowMs + 60_000)
        refuse('bad_request', 'occurredAt: in the future; a timeline entry records what already happened')
      return writerDb
        .transaction(async () => {
          const incident = (await getIncident(writerDb, id)) ?? refuse('not_found', `no incident ${id}`)
          await addIncidentEvent(
            writerDb,
            { incidentId: incident.id, actor: actor.name, type: 'note', data: { text }, occurredMs },
            nowMs
          )
          return { incident, timeline: await incidentEvents(writerDb, incident.id) }
        })
        .then((r) => {
          ctx.emit({ type: 'incident', incident: r.incident }) // open timelines reload
          return r
        })
    },
    putOnWall: ({ id }, { actor }) =>
      change(id, actor, async (i) => {
        if (i.resolvedAt) refuse('conflict', `incident ${id} is resolved; only an open incident goes on the wall`)
        return { change: { set: 'onWall' }, type: 'incident.on-wall', data: {} }
      })
  }
}
