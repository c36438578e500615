// Wires the way out together: the configured channels and their adapters, the engine's
// outbound MQTT client, gateways' receipts, and the dispatcher. Every delivery change
// reaches the consoles with the channel strip as it stands after it.
import {
  AckSchema,
  type AdapterKind,
  type ChannelStatus,
  type Delivery,
  type GatewayListeners,
  type GatewayPresence
} from '../../../shared/broadcast'
import type { topics as topicsOf } from '../../../shared/topics'
import type { HandlerContext } from '../api/context'
import type { Db } from '../store/db'
import type { Adapter } from './adapters/adapter'
import { mqttGatewayAdapter } from './adapters/mqtt-gateway'
import { facebookAdapter, mastodonAdapter, smsHttpAdapter, xAdapter } from './adapters/social'
import { smtpAdapter } from './adapters/smtp'
import { statusPageAdapter } from './adapters/status-page'
import { webhookAdapter } from './adapters/webhook'
import { loadChannels, receiptPolicy, type ChannelConfig } from './channel-config'
import { Dispatcher, type RetryPolicy } from './dispatcher'
import { brokerBack, channelStatuses, gatewayBack, getDeliveryRow, transition } from './ledger-repo'
import { startOutboundBus, type OutboundBus } from './outbound-bus'
import { CoalescedRunner } from '../coalesced-runner'

export interface Broadcast {
  channels: readonly ChannelConfig[]
  dispatcher: Dispatcher
  topicFor: (channel: string) => string
  channelStatuses(db: Db): Promise<ChannelStatus[]>
  /** whether a gateway is behind a channel now */
  presence(channel: ChannelConfig): Promise<GatewayPresence>
  /** who listens on the channels changed (the embedded broker says so): tell the consoles, send what waited */
  listenersChanged(): void
  /** publishes on the engine's own client (the only one allowed on engine-only topics); resolves on PUBACK */
  publish(topic: string, payload: string): Promise<void>
  stop(): Promise<void>
}

function adapterFor(
  c: ChannelConfig,
  bus: OutboundBus,
  topicFor: (channel: string) => string,
  presence: () => Promise<GatewayPresence>
): Adapter {
  switch (c.adapter) {
    case 'mqtt':
      return mqttGatewayAdapter(bus, topicFor(c.id), c.id, presence)
    case 'statuspage':
      return statusPageAdapter()
    case 'webhook':
    case 'slack':
    case 'teams':
      return webhookAdapter(c)
    case 'smtp':
      return smtpAdapter(c)
    case 'x':
      return xAdapter(c)
    case 'mastodon':
      return mastodonAdapter(c)
    case 'facebook':
      return facebookAdapter(c)
    case 'sms-http':
      return smsHttpAdapter(c)
  }
}

export async function startBroadcasting(o: {
  ctx: HandlerContext
  dataDir: string
  topics: ReturnType<typeof topicsOf>
  bus: { url: string; username?: string; password?: string; protocolVersion: 4 | 5 }
  clientId: string
  retryPolicy?: RetryPolicy
  storeClosed: () => boolean
  /** the embedded broker knows who subscribes; an external one doesn't tell */
  listeners?: (channel: string) => Promise<GatewayListeners>
  channels?: readonly ChannelConfig[]
}): Promise<Broadcast> {
  const { ctx } = o
  const channels = o.channels ?? loadChannels(o.dataDir)
  const ackPrefix = o.topics.ack('')

  let dispatcher: Dispatcher | null = null
  const presence = async (channel: string, adapter: AdapterKind): Promise<GatewayPresence> => {
    if (adapter !== 'mqtt') return 'direct'
    if (!o.listeners) return 'unknown'
    const l = await o.listeners(channel)
    return l.online > 0 ? 'listening' : l.offline > 0 ? 'offline' : 'none'
  }
  const strip = (db: Db) => channelStatuses(db, channels, presence)
  const onChange = (delivery: Delivery) =>
    void strip(ctx.readDb).then(
      (c) => ctx.emit({ type: 'delivery', delivery, channels: c }),
      (err: Error) => o.storeClosed() || ctx.log.warn(`channel strip: ${err.message}`)
    )

  /** A gateway's receipt: delivered confirms, failed fails, with the gateway's own words. */
  async function onAck(topic: string, payload: Buffer): Promise<void> {
    const channel = topic.slice(ackPrefix.length)
    let ack
    try {
      ack = AckSchema.parse(JSON.parse(payload.toString('utf8')))
    } catch (err) {
      ctx.log.warn(`receipt on ${topic} ignored: ${(err as Error).message.split('\n')[0]}`)
      return
    }
    const moved = await ctx.writerDb.transaction(async () => {
      const row = await getDeliveryRow(ctx.writerDb, ack.deliveryId)
      if (!row || row.channel !== channel) {
        ctx.log.warn(`receipt on ${topic} for delivery ${ack.deliveryId}, which is not a delivery on "${channel}"`)
        return false
      }
      const now = ctx.now()
      // a receipt may come late: for a copy waiting to go again, or after we stopped waiting
      const late = row.state === 'unconfirmed' ? ' (late: after it was marked unconfirmed)' : ''
      const from =
        row.resends > 0
          ? (['sending', 'accepted', 'queued', 'unconfirmed'] as const)
          : (['sending', 'accepted', 'unconfirmed'] as const)
      return ack.status === 'delivered'
        ? transition(ctx.writerDb, row.id, from, 'confirmed', now, {
            externalId: ack.externalId ?? null,
            detail: `confirmed by the ${channel} gateway${late}`
          })
        : transition(ctx.writerDb, row.id, from, 'failed', now, {
            error: `the ${channel} gateway: ${ack.error ?? 'failed, no reason given'}${late}`
          })
    })
    if (moved) await dispatcher?.announce(ack.deliveryId)
  }

  const bus = startOutboundBus({
    ...o.bus,
    clientId: o.clientId,
    ackFilter: o.topics.ack('+'),
    onAck,
    onConnect: () =>
      void brokerBack(ctx.writerDb, ctx.now()).then(
        () => dispatcher?.kick(),
        (err: Error) => o.storeClosed() || ctx.log.warn(`after reconnect: ${err.message}`)
      ),
    log: ctx.log
  })
  const adapters = new Map(
    channels.map((c) => [c.id, adapterFor(c, bus, o.topics.out, () => presence(c.id, c.adapter))])
  )
  const receipts = new Map(channels.map((c) => [c.id, receiptPolicy(c)]))
  dispatcher = new Dispatcher(
    ctx.writerDb,
    (c) => adapters.get(c),
    ctx.now,
    onChange,
    ctx.log,
    o.retryPolicy,
    o.storeClosed,
    (c) => receipts.get(c) ?? receiptPolicy({ settings: {} } as ChannelConfig)
  )
  await bus.ready // receipts are heard before anything is sent, or any gateway let in
  await dispatcher.start()
  const d = dispatcher

  /** Who listens changed: the strip follows, and deliveries that waited for a gateway go. */
  let lastPresence = ''
  const presenceRunner = new CoalescedRunner(
    async () => {
      const statuses = await strip(ctx.readDb)
      const now = ctx.now()
      const back = statuses.filter((c) => c.gateway === 'listening' || c.gateway === 'offline').map((c) => c.channel)
      if (back.length)
        await ctx.writerDb.transaction(
          async () => void (await Promise.all(back.map((c) => gatewayBack(ctx.writerDb, c, now))))
        )
      d.kick()
      const key = statuses.map((c) => c.gateway).join()
      if (key === lastPresence) return
      lastPresence = key
      ctx.emit({ type: 'channels', channels: statuses })
    },
    (err) => o.storeClosed() || ctx.log.warn(`gateway presence: ${err.message}`)
  )

  return {
    channels,
    dispatcher: d,
    topicFor: o.topics.out,
    channelStatuses: strip,
    presence: (c) => presence(c.id, c.adapter),
    listenersChanged: () => presenceRunner.kick(),
    publish: (topic, payload) => bus.publish(topic, payload),
    async stop() {
      await presenceRunner.stop()
      await d.stop()
      await bus.close()
      for (const a of adapters.values()) await a.close?.()
    }
  }
}
