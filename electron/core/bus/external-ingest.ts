// Ingest from an external broker (mosquitto, EMQX, ...): a persistent session (clean:
// false, fixed client id, a week's session expiry) subscribed at QoS 1, acknowledging each
// message only after its commit (mqtt.js customHandleAcks). Whatever a crash left
// unacknowledged, the broker redelivers; dedupe on (channel, id) makes that harmless.
//
// MQTT 5 is required: mqtt.js honours customHandleAcks only with protocolVersion 5 and
// otherwise acknowledges on arrival, which would break "acknowledged means stored".
//
// Cost: mqtt.js handles incoming packets one at a time, so each message waits for its own
// commit here. The embedded broker batches across messages; see the README's benchmark.
import mqtt, { type MqttClient } from 'mqtt'
import type { BrokerTarget } from './broker-url'
import type { IngestFn } from './embedded-broker'

export interface ExternalIngestOptions {
  target: BrokerTarget
  /** stable across restarts: it names the persistent session on the broker */
  clientId: string
  mentionsTopic: string
  ingest: IngestFn
  onError?: (err: Error) => void
}

export interface ExternalIngest {
  connected(): boolean
  close(): Promise<void>
}

/** How long the broker keeps our session (and queues for it) while the engine is away. */
export const SESSION_EXPIRY_SECONDS = 7 * 24 * 3600

export async function startExternalIngest(options: ExternalIngestOptions): Promise<ExternalIngest> {
  const client: MqttClient = await mqtt.connectAsync(options.target.url, {
    clientId: options.clientId,
    protocolVersion: 5,
    clean: false,
    properties: { sessionExpiryInterval: SESSION_EXPIRY_SECONDS },
    username: options.target.username,
    password: options.target.password,
    reconnectPeriod: 1000,
    connectTimeout: 10_000,
    customHandleAcks(topic, message, _packet, done) {
      options.ingest(message, `mqtt:${topic}`).then(
        () => done(0),
        (err: Error) => {
          options.onError?.(err)
          done(err) // no PUBACK: the broker keeps the message for the next session
        }
      )
    }
  })
  client.on('error', (err) => options.onError?.(err))
  await client.subscribeAsync(options.mentionsTopic, { qos: 1 })
  return {
    connected: () => client.connected,
    close: () => client.endAsync()
  }
}
