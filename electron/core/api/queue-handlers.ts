// The response queue: claims so two people never answer the same person, assignment,
// replies, triage outcomes, escalation and notes. Each action checks, applies and records
// its history in one transaction (so a race between two consoles has exactly one winner),
// then reaches every console as a 'queue' event.
import type { Actor, QueueItem, QueueStatus, Role } from '../../../shared/team'
import { DEFAULT_SLA_MINUTES } from '../../../shared/team'
import { refuse } from './api-failure'
import type { HandlerContext, Handlers } from './context'
import type { Presence } from './team-handlers'
import { activeIncidentDetail, addIncidentEvent } from '../store/incidents-repo'
import {
  addQueueEvent,
  authorMentions,
  getQueueRow,
  listQueue,
  mentionDocument,
  queueHistory,
  toQueueItem,
  updateQueueItem,
  waitingEchoes,
  type QueueChange
} from '../queue/queue-repo'
import { findUserByName, toUserSummary } from '../team/users-repo'
import { getEntry, recordUse } from '../knowledge/knowledge-repo'
import type { ReplyOutbox, ReplyRoute } from '../broadcast/reply-out'
import type { Db } from '../store/db'

type Row = NonNullable<Awaited<ReturnType<typeof getQueueRow>>>

const WAITING: readonly QueueStatus[] = ['open', 'escalated']
const actorUserId = (a: Actor): number | null => (a.kind === 'user' ? a.userId : null)
const holds = (row: Pick<Row, 'claimed_by' | 'claimed_by_name'>, a: Actor) =>
  row.claimed_by_name !== null &&
  row.claimed_by === actorUserId(a) &&
  (a.kind === 'user' || row.claimed_by_name === a.name)

export function queueHandlers(
  ctx: HandlerContext,
  presence: Presence,
  replies: ReplyOutbox
): Handlers<
  'queue' | 'queueItem' | 'claim' | 'release' | 'assign' | 'reply' | 'mark' | 'markEchoes' | 'escalate' | 'note'
> {
  const { writerDb, readDb } = ctx

  /** The response-time target: from the incident on the wall, by its severity. */
  async function slaMinutes(db: Db): Promise<number> {
    const incident = await activeIncidentDetail(db)
    return incident ? incident.slaMinutes[incident.severity] : DEFAULT_SLA_MINUTES.SEV3
  }

  const mustBeWaiting = (row: Row) => {
    if (!WAITING.includes(row.status)) refuse('conflict', `already handled: ${row.status.replace('_', ' ')}`)
  }
  /** Nobody else holds it: it is free, or the actor's own. */
  const mustBeFreeOrMine = (row: Row, actor: Actor) => {
    if (row.claimed_by_name !== null && !holds(row, actor)) {
      refuse('conflict', `claimed by ${row.claimed_by_name} since ${new Date(row.claimed_ms ?? 0).toISOString()}`)
    }
  }

  async function act(
    seq: number,
    actor: Actor,
    decide: (row: Row) => Promise<{ changes: QueueChange[]; type: string; data: Record<string, unknown> }>
  ): Promise<QueueItem> {
    const { item, claimMoved } = await writerDb.transaction(async () => {
      const row = (await getQueueRow(writerDb, seq)) ?? refuse('not_found', `no queue item ${seq}`)
      const { changes, type, data } = await decide(row)
      for (const c of changes) await updateQueueItem(writerDb, seq, c)
      await addQueueEvent(writerDb, seq, actor.name, type, data, ctx.now())
      const after = (await getQueueRow(writerDb, seq))!
      return {
        item: toQueueItem(after, ctx.now(), await slaMinutes(writerDb)),
        claimMoved: after.claimed_by_name !== row.claimed_by_name
      }
    })
    ctx.emit({ type: 'queue', item })
    if (claimMoved) void presence.announce() // presence shows what each person holds
    return item
  }

  const claimFor = (actor: Actor): QueueChange => ({
    set: 'claim',
    userId: actorUserId(actor),
    name: actor.name,
    atMs: ctx.now()
  })

  return {
    async queue(p, { actor }) {
      const sla = await slaMinutes(readDb)
      // a phrase few mentions hold reads every waiting item: on its own connection
      const rows = await listQueue(p.q ? ctx.scanDb : readDb, {
        ...p,
        claimedBy: p.mine === 'true' ? (actorUserId(actor) ?? -1) : undefined,
        assignedTo: p.forMe === 'true' ? { userId: actorUserId(actor), roles: actor.roles } : undefined
      })
      const now = ctx.now()
      return rows.map((r) => toQueueItem(r, now, sla))
    },
    async queueItem({ seq }) {
      const row = (await getQueueRow(readDb, seq)) ?? refuse('not_found', `no queue item ${seq}`)
      const [history, document, others, sla] = await Promise.all([
        queueHistory(readDb, seq),
        mentionDocument(readDb, seq),
        authorMentions(readDb, seq, 20),
        slaMinutes(readDb)
      ])
      return { item: toQueueItem(row, ctx.now(), sla), document, history, authorMentions: others }
    },
    claim: ({ seq }, { actor }) =>
      act(seq, actor, async (row) => {
        mustBeWaiting(row)
        mustBeFreeOrMine(row, actor)
        return { changes: [claimFor(actor)], type: 'claimed', data: {} }
      }),
    release: ({ seq }, { actor }) =>
      act(seq, actor, async (row) => {
        if (row.claimed_by_name === null) refuse('conflict', 'not claimed by anyone')
        // the holder lets go; a lead may free an item someone left holding
        if (!holds(row, actor) && !actor.roles.includes('lead'))
          refuse('forbidden', `claimed by ${row.claimed_by_name}: only they or a lead can release it`)
        return { changes: [{ set: 'release' }], type: 'released', data: { from: row.claimed_by_name } }
      }),
    assign: ({ seq, user, role }, { actor }) =>
      act(seq, actor, async (row) => {
        mustBeWaiting(row)
        if (user !== undefined) {
          const target = (await findUserByName(writerDb, user)) ?? refuse('not_found', `no user named "${user}"`)
          const summary = toUserSummary(target)
          return {
            changes: [{ set: 'assign', userId: summary.id, role: null }],
            type: 'assigned',
            data: { to: summary.name }
          }
        }
        return {
          changes: [{ set: 'assign', userId: null, role: role as Role }],
          type: 'assigned',
          data: { toRole: role }
        }
      }),
    async reply({ seq, text, entry }, { actor }) {
      let route: ReplyRoute | null = null
      const item = await act(seq, actor, async (row) => {
        mustBeWaiting(row)
        mustBeFreeOrMine(row, actor)
        if (entry !== undefined) {
          if (!(await getEntry(writerDb, entry))) refuse('not_found', `entry: no knowledge-bank entry ${entry}`)
          await recordUse(
            writerDb,
            entry,
            seq,
            (await activeIncidentDetail(writerDb))?.id ?? null,
            actor.name,
            ctx.now()
          )
        }
        // out through the delivery ledger on the mention's own channel, in this same transaction
        route = await replies.enqueue(
          writerDb,
          { seq, channel: row.channel, id: row.id, author: row.author_handle, lang: row.lang },
          text,
          ctx.now()
        )
        return {
          changes: [claimFor(actor), { set: 'status', status: 'replied', atMs: ctx.now() }],
          type: 'replied',
          data: { text, ...(entry !== undefined ? { entry } : {}), ...route }
        }
      })
      if (route) await replies.sent(route)
      return item
    },
    mark: ({ seq, as, reason }, { actor }) =>
      act(seq, actor, async (row) => {
        mustBeWaiting(row)
        mustBeFreeOrMine(row, actor)
        return { changes: [{ set: 'status', status: as, atMs: ctx.now() }], type: 'marked', data: { as, reason } }
      }),
    async markEchoes({ seq, reason }, { actor }) {
      // a retweet storm: hundreds of copies of one post, none needing its own answer
      const result = await writerDb.transaction(async () => {
        const row = (await getQueueRow(writerDb, seq)) ?? refuse('not_found', `no queue item ${seq}`)
        const original = row.echo_of ?? row.seq
        const echoes = await waitingEchoes(writerDb, original)
        const free = echoes.filter((e) => e.claimed_by_name === null || holds(e, actor))
        const why = reason || `an echo of #${original}`
        for (const e of free) {
          await updateQueueItem(writerDb, e.seq, { set: 'status', status: 'duplicate', atMs: ctx.now() })
          await addQueueEvent(
            writerDb,
            e.seq,
            actor.name,
            'marked',
            { as: 'duplicate', reason: why, echoOf: original },
            ctx.now()
          )
        }
        return {
          original,
          seqs: free.map((e) => e.seq),
          leftHeld: echoes.length - free.length,
          heldByActor: free.some((e) => e.claimed_by_name !== null)
        }
      })
      // one event, not one per item: a storm's thousands would flood every console
      if (result.seqs.length) ctx.emit({ type: 'queueBulk', seqs: result.seqs, status: 'duplicate' })
      if (result.heldByActor) void presence.announce() // what each person holds changed
      return { original: result.original, marked: result.seqs.length, leftHeld: result.leftHeld }
    },
    escalate: ({ seq, to, reason }, { actor }) =>
      act(seq, actor, async (row) => {
        mustBeWaiting(row)
        mustBeFreeOrMine(row, actor)
        // handed on: the claim is released so legal or the lead can take it
        return {
          changes: [
            { set: 'status', status: 'escalated', atMs: ctx.now(), escalatedTo: to },
            { set: 'release' },
            { set: 'assign', userId: null, role: to }
          ],
          type: 'escalated',
          data: { to, reason }
        }
      }),
    note: ({ seq, text, forTimeline }, { actor }) =>
      act(seq, actor, async (row) => {
        const incident = forTimeline ? await activeIncidentDetail(writerDb) : null
        if (forTimeline && !incident) refuse('conflict', 'forTimeline: no open incident to put the note on')
        if (incident)
          await addIncidentEvent(
            writerDb,
            {
              incidentId: incident.id,
              actor: actor.name,
              type: 'note',
              data: { text, mention: seq, about: `${row.channel} @${row.author_handle}` }
            },
            ctx.now()
          )
        return { changes: [], type: 'note', data: { text, ...(forTimeline ? { forTimeline } : {}) } }
      })
  }
}
