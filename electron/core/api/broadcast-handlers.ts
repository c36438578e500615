// Broadcasting: one action puts an approved statement in the outbox for every selected
// channel and language, in the same transaction as its timeline entry; the dispatcher
// sends it. Plus the ledger (list, retry, cancel) and the configured channels.
import type { Delivery } from '../../../shared/broadcast'
import type { Actor } from '../../../shared/team'
import { refuse } from './api-failure'
import type { HandlerContext, Handlers } from './context'
import { addIncidentEvent } from '../store/incidents-repo'
import { getRevisionRow, getStatementRow } from '../statements/statements-repo'
import type { Variant } from '../../../shared/statements'
import { channelInfo, type ChannelConfig } from '../broadcast/channel-config'
import type { Dispatcher } from '../broadcast/dispatcher'
import type { GatewayPresence } from '../../../shared/broadcast'
import {
  getDeliveryRow,
  insertBroadcast,
  lastPublicState,
  insertDelivery,
  listDeliveries,
  liveDeliveries,
  publishedOnStatusPage,
  toDelivery,
  transition,
  waitingOnChannel
} from '../broadcast/ledger-repo'

export interface Broadcasting {
  channels: readonly ChannelConfig[]
  dispatcher: Dispatcher
  topicFor: (channel: string) => string
  presence(channel: ChannelConfig): Promise<GatewayPresence>
}

export function broadcastHandlers(
  ctx: HandlerContext,
  b: Broadcasting
): Handlers<
  'listChannels' | 'broadcast' | 'deliveries' | 'retryDelivery' | 'cancelDelivery' | 'publicStatus' | 'publicState'
> {
  const { writerDb, readDb } = ctx

  async function changeDelivery(
    id: number,
    actor: Actor,
    decide: (d: NonNullable<Awaited<ReturnType<typeof getDeliveryRow>>>) => Promise<void>
  ): Promise<Delivery> {
    await writerDb.transaction(async () => {
      const row = (await getDeliveryRow(writerDb, id)) ?? refuse('not_found', `no delivery ${id}`)
      await decide(row)
    })
    await b.dispatcher.announce(id)
    b.dispatcher.kick()
    return toDelivery(readDb, (await getDeliveryRow(readDb, id))!)
  }

  return {
    listChannels: () =>
      Promise.all(b.channels.map(async (c) => ({ ...channelInfo(c, b.topicFor), gateway: await b.presence(c) }))),

    async broadcast({ id, channels, revision, publicState }, { actor }) {
      const ids = await writerDb.transaction(async () => {
        const s = (await getStatementRow(writerDb, id)) ?? refuse('not_found', `no statement ${id}`)
        if (s.approved_revision === null)
          refuse('forbidden', `statement ${id} has no approved revision; only approved words go out`)
        if (s.latest_revision !== s.approved_revision) {
          refuse(
            'conflict',
            `statement ${id} has revision ${s.latest_revision} awaiting review after the approved revision ${s.approved_revision}; approve or reject it first`
          )
        }
        if (revision !== undefined && revision !== s.approved_revision)
          refuse('conflict', `revision ${revision} is stale: the approved revision is ${s.approved_revision}`)
        const rev = (await getRevisionRow(writerDb, id, s.approved_revision as number))!
        const variants: Variant[] = JSON.parse(rev.variants)
        const plan = channels.map((name) => {
          const config =
            b.channels.find((c) => c.id === name) ??
            refuse(
              'bad_request',
              `channels: no channel "${name}" is configured (there are ${b.channels.map((c) => c.id).join(', ')})`
            )
          const mine = variants.filter((v) => v.channel === config.variant)
          if (!mine.length)
            refuse(
              'bad_request',
              `channels: "${name}" carries the ${config.variant} variant, which statement ${id} doesn't have (it has ${[...new Set(variants.map((v) => v.channel))].join(', ')})`
            )
          return { config, variants: mine }
        })
        for (const { config } of plan) {
          const live = await liveDeliveries(writerDb, id, rev.number, config.id)
          if (live.length)
            refuse(
              'conflict',
              `channels: revision ${rev.number} already went to "${config.id}" (delivery ${live[0].id}, ${live[0].state}); retry a failed delivery instead of broadcasting again`
            )
        }
        const now = ctx.now()
        // what the public status page says of the incident is the lead's call
        const previous = await lastPublicState(writerDb, s.incident_id)
        if (publicState !== undefined && publicState !== previous && !actor.roles.includes('lead')) {
          refuse(
            'forbidden',
            `the lead sets the incident's state on the status page (it is ${previous}); ${actor.name} may broadcast without changing it`
          )
        }
        const broadcastId = await insertBroadcast(
          writerDb,
          {
            statementId: id,
            revision: rev.number,
            incidentId: s.incident_id,
            actor: actor.name,
            publicState: publicState ?? previous
          },
          now
        )
        const created: number[] = []
        for (const { config, variants: vs } of plan) {
          for (const older of await waitingOnChannel(writerDb, config.id, id)) {
            await transition(writerDb, older, ['queued'], 'superseded', now, {
              detail: `replaced by statement ${id} revision ${rev.number}`
            })
            created.push(older)
          }
          for (const v of vs) {
            const deliveryId = await insertDelivery(
              writerDb,
              {
                kind: 'statement',
                broadcastId,
                statementId: id,
                revision: rev.number,
                mentionSeq: null,
                channel: config.id,
                adapter: config.adapter,
                lang: v.lang,
                payload: {
                  channel: config.id,
                  lang: v.lang,
                  text: v.text,
                  ...(v.subject ? { subject: v.subject } : {}),
                  statementId: id,
                  revision: rev.number
                },
                key: `statement-${id}-r${rev.number}-${config.id}-${v.lang}-b${broadcastId}`
              },
              now
            )
            created.push(deliveryId)
          }
        }
        await addIncidentEvent(
          writerDb,
          {
            incidentId: s.incident_id,
            actor: actor.name,
            type: 'statement.broadcast',
            data: {
              statement: id,
              revision: rev.number,
              title: s.title,
              channels,
              publicState: publicState ?? previous
            }
          },
          now
        )
        return created
      })
      for (const d of ids) await b.dispatcher.announce(d)
      b.dispatcher.kick()
      return (await listDeliveries(readDb, id, 1000)).filter((d) => ids.includes(d.id))
    },

    deliveries: ({ statement, limit }) => listDeliveries(readDb, statement, limit),
    publicState: async ({ incident }) => ({ state: await lastPublicState(readDb, incident) }),
    publicStatus: ({ limit }) =>
      publishedOnStatusPage(
        readDb,
        b.channels.filter((c) => c.adapter === 'statuspage').map((c) => c.id),
        limit
      ),

    retryDelivery: ({ id }, { actor }) =>
      changeDelivery(id, actor, async (row) => {
        // unconfirmed is MQTT only, where the gateway dedupes on deliveryId: sending again is safe
        const retryable = ['failed', 'cancelled', 'unconfirmed'] as const
        if (!(retryable as readonly string[]).includes(row.state))
          refuse(
            'conflict',
            `delivery ${id} is ${row.state}; only a failed, cancelled or unconfirmed delivery can be retried`
          )
        // the old error stays in the history; the row shows where the delivery stands now
        await transition(writerDb, id, retryable, 'queued', ctx.now(), {
          nextAttemptMs: ctx.now(),
          detail: `retry requested by ${actor.name}`,
          error: null
        })
      }),
    cancelDelivery: ({ id }, { actor }) =>
      changeDelivery(id, actor, async (row) => {
        if (row.state !== 'queued')
          refuse('conflict', `delivery ${id} is ${row.state}; only a queued delivery can be cancelled`)
        await transition(writerDb, id, ['queued'], 'cancelled', ctx.now(), { detail: `cancelled by ${actor.name}` })
      })
  }
}
