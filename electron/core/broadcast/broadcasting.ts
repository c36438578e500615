// Wires the way out together: the configured channels and their adapters, the engine's
// outbound MQTT client, gateways' receipts, and the dispatcher. Every delivery change
// reaches the consoles with the channel strip as it stands after it.
import { AckSchema, type ChannelStatus, type Delivery } from '../../../shared/broadcast'
import type { topics as topicsOf } from '../../../shared/topics'
import type { HandlerContext } from '../api/context'
import type { Db } from '../store/db'
import type { Adapter } from './adapters/adapter'
import { mqttGatewayAdapter } from './adapters/mqtt-gateway'
import { facebookAdapter, mastodonAdapter, smsHttpAdapter, xAdapter } from './adapters/social'
import { smtpAdapter } from './adapters/smtp'
import { statusPageAdapter } from './adapters/status-page'
import { webhookAdapter } from './adapters/webhook'
import { loadChannels, type ChannelConfig } from './channel-config'
import { Dispatcher, type RetryPolicy } from './dispatcher'
import { brokerBack, channelStatuses, getDeliveryRow, transition } from './ledger-repo'
import { startOutboundBus, type OutboundBus } from './outbound-bus'

export interface Broadcast {
  channels: readonly ChannelConfig[]
  dispatcher: Dispatcher
  topicFor: (channel: string) => string
  channelStatuses(db: Db): Promise<ChannelStatus[]>
  /** publishes on the engine's own client (the only one allowed on engine-only topics); resolves on PUBACK */
  publish(topic: string, payload: string): Promise<void>
  stop(): Promise<void>
}

function adapterFor(c: ChannelConfig, bus: OutboundBus, topicFor: (channel: string) => string): Adapter {
  switch (c.adapter) {
    case 'mqtt':
      return mqttGatewayAdapter(bus, topicFor(c.id))
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
}): Promise<Broadcast> {
  const { ctx } = o
  const channels = loadChannels(o.dataDir)
  const ackPrefix = o.topics.ack('')

  let dispatcher: Dispatcher | null = null
  const strip = (db: Db) => channelStatuses(db, channels)
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
      return ack.status === 'delivered'
        ? transition(ctx.writerDb, row.id, ['sending', 'accepted'], 'confirmed', now, { externalId: ack.externalId ?? null, detail: `confirmed by the ${channel} gateway` })
        : transition(ctx.writerDb, row.id, ['sending', 'accepted'], 'failed', now, { error: `the ${channel} gateway: ${ack.error ?? 'failed, no reason given'}` })
    })
    if (moved) await dispatcher?.announce(ack.deliveryId)
  }

  const bus = startOutboundBus({
    ...o.bus,
    clientId: o.clientId,
    ackFilter: o.topics.ack('+'),
    onAck: (topic, payload) => void onAck(topic, payload).catch((err: Error) => ctx.log.error(`receipt on ${topic}: ${err.message}`)),
    onConnect: () =>
      void brokerBack(ctx.writerDb, ctx.now()).then(
        () => dispatcher?.kick(),
        (err: Error) => o.storeClosed() || ctx.log.warn(`after reconnect: ${err.message}`)
      ),
    log: ctx.log
  })
  const adapters = new Map(channels.map((c) => [c.id, adapterFor(c, bus, o.topics.out)]))
  dispatcher = new Dispatcher(ctx.writerDb, (c) => adapters.get(c), ctx.now, onChange, ctx.log, o.retryPolicy, o.storeClosed)
  await dispatcher.start()
  const d = dispatcher

  return {
    channels,
    dispatcher: d,
    topicFor: o.topics.out,
    channelStatuses: strip,
    publish: (topic, payload) => bus.publish(topic, payload),
    async stop() {
      await d.stop()
      await bus.close()
      for (const a of adapters.values()) await a.close?.()
    }
  }
}
