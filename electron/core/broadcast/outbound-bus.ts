// The engine's own MQTT client for the way out: publishes deliveries on <prefix>/out/# and
// hears gateways' receipts on <prefix>/ack/+. A persistent session (fixed client id, clean
// false), so receipts sent while the engine was away are waiting when it is back. It
// reconnects by itself; while it is down, deliveries wait in the ledger, not in the client.
import mqtt, { type MqttClient } from 'mqtt'
import type { Logger } from '../logger'

export interface OutboundBus {
  readonly url: string
  connected(): boolean
  /** resolves once subscribed to receipts */
  readonly ready: Promise<void>
  /** resolves on the broker's PUBACK */
  publish(topic: string, payload: string): Promise<void>
  close(): Promise<void>
}

export function startOutboundBus(options: {
  url: string
  username?: string
  password?: string
  clientId: string
  /** 5 for external brokers; the embedded aedes speaks 3.1.1 (4) */
  protocolVersion: 4 | 5
  ackFilter: string
  /** resolves once the receipt is recorded: only then is it acknowledged to the broker */
  onAck: (topic: string, payload: Buffer) => Promise<void>
  /** (re)connected: deliveries that waited for the broker can go now */
  onConnect: () => void
  log: Logger
}): OutboundBus {
  const client: MqttClient = mqtt.connect(options.url, {
    clientId: options.clientId,
    protocolVersion: options.protocolVersion,
    clean: false,
    ...(options.protocolVersion === 5 ? { properties: { sessionExpiryInterval: 7 * 24 * 3600 } } : {}),
    username: options.username,
    password: options.password,
    reconnectPeriod: 1000,
    connectTimeout: 10_000
  })
  let subscribed: () => void = () => {}
  const ready = new Promise<void>((resolve) => (subscribed = resolve))
  client.on('connect', () => {
    client.subscribe(options.ackFilter, { qos: 1 }, (err) => {
      if (err) options.log.warn(`outbound bus: subscribe ${options.ackFilter}: ${err.message}`)
      else subscribed()
    })
    options.onConnect()
  })
  // mqtt.js sends a receipt's PUBACK when handleMessage calls back: only after the ledger
  // has it, so a receipt a crash interrupted is delivered again (the session is persistent)
  client.handleMessage = (packet, done) => {
    const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload)
    options.onAck(packet.topic, payload).then(
      () => done(),
      (err: Error) => {
        options.log.warn(`outbound bus: receipt on ${packet.topic} not recorded, the broker keeps it: ${err.message}`)
        done(err)
      }
    )
  }
  client.on('error', (err) => options.log.warn(`outbound bus: ${err.message}`))
  return {
    url: options.url,
    ready,
    connected: () => client.connected,
    publish: (topic, payload) => client.publishAsync(topic, payload, { qos: 1 }).then(() => undefined),
    close: () => client.endAsync(true)
  }
}
