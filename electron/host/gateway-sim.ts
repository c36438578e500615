// Channel gateways as a real one behaves (an SMS gateway, the airport displays): one MQTT
// client per channel, signed in with that channel's credentials from DATA/gateways.json,
// reading <prefix>/out/<channel> and answering on <prefix>/ack/<channel>. Used by the
// benchmark and the tests; also a working example for whoever writes a real gateway.
import fs from 'node:fs'
import path from 'node:path'
import mqtt, { type MqttClient } from 'mqtt'
import { GATEWAYS_FILE } from '../core/broadcast/channel-config'
import type { OutboundMessage } from '../../shared/broadcast'

export type Receipt = { status: 'delivered'; externalId?: string } | { status: 'failed'; error: string } | null

export interface GatewaySim {
  /** what reached the gateways, in order */
  got: { channel: string; message: OutboundMessage }[]
  clients: Map<string, MqttClient>
  close(): Promise<void>
}

/** The sign-in the engine made (or channels.json gave) for a channel's gateway. */
export function gatewayLogin(dataDir: string, channel: string): { username: string; password: string } {
  const all = JSON.parse(fs.readFileSync(path.join(dataDir, GATEWAYS_FILE), 'utf8')) as Record<
    string,
    { username: string; password: string }
  >
  if (!all[channel]) throw new Error(`${GATEWAYS_FILE} has no gateway for "${channel}"`)
  return all[channel]
}

/**
 * Starts a gateway for each channel; `answer` says what each sends back (null: no receipt).
 * Persistent sessions (clean: false) with fixed client ids, as a gateway should have.
 */
export async function startGateways(o: {
  url: string
  /** where gateways.json is; none signs in anonymously (an external broker with its own rules) */
  dataDir?: string
  channels: readonly string[]
  answer?: (channel: string, message: OutboundMessage) => Receipt
  prefix?: string
  clientIdPrefix?: string
}): Promise<GatewaySim> {
  const prefix = o.prefix ?? 'crisis'
  const answer = o.answer ?? (() => ({ status: 'delivered' }) as Receipt)
  const got: GatewaySim['got'] = []
  const clients = new Map<string, MqttClient>()
  for (const channel of o.channels) {
    const c = await mqtt.connectAsync(o.url, {
      ...(o.dataDir ? gatewayLogin(o.dataDir, channel) : {}),
      clientId: `${o.clientIdPrefix ?? 'gateway'}-${channel}`,
      clean: false,
      reconnectPeriod: 100
    })
    c.on('message', (_topic, payload) => {
      const message = JSON.parse(String(payload)) as OutboundMessage
      got.push({ channel, message })
      const receipt = answer(channel, message)
      if (receipt)
        void c
          .publishAsync(`${prefix}/ack/${channel}`, JSON.stringify({ deliveryId: message.deliveryId, ...receipt }), {
            qos: 1
          })
          .catch(() => {})
    })
    await c.subscribeAsync(`${prefix}/out/${channel}`, { qos: 1 }) // rejects if the broker refuses it
    clients.set(channel, c)
  }
  return {
    got,
    clients,
    async close() {
      for (const c of clients.values()) await c.endAsync(true)
    }
  }
}
