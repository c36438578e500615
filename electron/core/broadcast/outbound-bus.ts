// The engine's own MQTT client for the way out: publishes deliveries on <prefix>/out/# and
// hears gateways' receipts on <prefix>/ack/+. A persistent session (fixed client id, clean
// false), so receipts sent while the engine was away are waiting when it is back. It
// reconnects by itself; while it is down, deliveries wait in the ledger, not in the client.
import mqtt, { type MqttClient } from 'mqtt'
import type { Logger } from '../logger'

export interface OutboundBus {
  readonly url: string
  connected(): boolean
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
  onAck: (topic: string, payload: Buffer) => void
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
  client.on('connect', () => {
    client.subscribe(options.ackFilter, { qos: 1 }, (err) => err && options.log.warn(`outbound bus: subscribe ${options.ackFilter}: ${err.message}`))
    options.onConnect()
  })
  client.on('message', (topic, payload) => options.onAck(topic, payload))
  client.on('error', (err) => options.log.warn(`outbound bus: ${err.message}`))
  return {
    url: options.url,
    connected: () => client.connected,
    publish: (topic, payload) => client.publishAsync(topic, payload, { qos: 1 }).then(() => undefined),
    close: () => client.endAsync(true)
  }
}
