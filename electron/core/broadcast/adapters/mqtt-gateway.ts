// MQTT gateways (airport displays, IVR, SMS gateways, the website banner): the delivery is
// published at QoS 1 on <prefix>/out/<channel> with its deliveryId; the broker's PUBACK
// makes it "accepted", and the gateway's receipt on <prefix>/ack/<channel> "confirmed".
// Gateways dedupe on deliveryId, so a re-send after a crash is harmless.
import type { GatewayPresence, OutboundMessage } from '../../../../shared/broadcast'
import type { OutboundBus } from '../outbound-bus'
import type { Adapter } from './adapter'

export function mqttGatewayAdapter(
  bus: OutboundBus,
  topic: string,
  channel: string,
  presence: () => Promise<GatewayPresence>
): Adapter {
  return {
    idempotent: true,
    async send(m: OutboundMessage) {
      // Offline, say so and let the ledger wait for the broker: a publish queued inside the
      // client would go out on reconnect *and* again on our retry.
      if (!bus.connected())
        return { ok: false, retryable: true, notSent: true, error: `broker unreachable (${bus.url}); waiting for it` }
      // a QoS 1 publish nobody subscribed to is PUBACKed and goes nowhere: don't send into that
      if ((await presence()) === 'none') {
        return {
          ok: false,
          retryable: true,
          notSent: true,
          noReceiver: true,
          error: `no ${channel} gateway listening on ${topic}; waiting for one`
        }
      }
      try {
        // no timeout once handed over: the client resends it on reconnect until the broker acknowledges
        await bus.publish(topic, JSON.stringify(m))
        return { ok: true, externalId: null, confirmed: false }
      } catch (err) {
        return { ok: false, retryable: true, error: `publish failed: ${(err as Error).message}` }
      }
    }
  }
}
