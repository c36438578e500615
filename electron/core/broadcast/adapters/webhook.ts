// Signed webhooks: POST the delivery as JSON with an HMAC-SHA256 signature over
// "<timestamp>.<body>" (X-Crisis-Signature: sha256=<hex>), the timestamp, and an
// Idempotency-Key the receiver dedupes on. Slack and Microsoft Teams incoming webhooks
// take their own shape ({"text"}) and no signature: their URL is the secret.
import crypto from 'node:crypto'
import type { OutboundMessage } from '../../../../shared/broadcast'
import type { ChannelConfig } from '../channel-config'
import { httpFailure, type Adapter } from './adapter'
import { brief, isAnswer, post } from './http-post'

export const SIGNATURE_HEADER = 'x-crisis-signature'
export const TIMESTAMP_HEADER = 'x-crisis-timestamp'

export function sign(secret: string, timestamp: string, body: string): string {
  return `sha256=${crypto.createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`
}

export function webhookAdapter(config: ChannelConfig, now: () => number = Date.now): Adapter {
  const { url } = config.settings as { url: string }
  const preset = config.adapter === 'slack' || config.adapter === 'teams'
  return {
    idempotent: !preset, // Slack and Teams don't dedupe; our own receivers do, on Idempotency-Key
    async send(m: OutboundMessage, signal) {
      const body = JSON.stringify(
        preset
          ? { text: m.subject ? `*${m.subject}*\n${m.text}` : m.text }
          : { ...m, sentAt: new Date(now()).toISOString() }
      )
      const headers: Record<string, string> = { 'content-type': 'application/json' }
      if (!preset) {
        const ts = String(Math.floor(now() / 1000))
        headers[TIMESTAMP_HEADER] = ts
        headers[SIGNATURE_HEADER] = sign(config.credentials.secret, ts, body)
        headers['idempotency-key'] = m.idempotencyKey
      }
      const a = await post(url, { headers, body }, signal)
      if (!isAnswer(a)) return a
      if (a.status >= 200 && a.status < 300) return { ok: true, externalId: null, confirmed: true }
      return httpFailure(a.status, brief(a.body), a.headers.get('retry-after'))
    }
  }
}
