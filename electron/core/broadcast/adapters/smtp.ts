// Email through SMTP with nodemailer, to the channel's list. The Message-ID is derived
// from the delivery's idempotency key, so a receiving system can tell a retry from a
// second statement. SMTP servers don't dedupe, so an interrupted send is not retried blindly.
import nodemailer from 'nodemailer'
import type { ChannelConfig } from '../channel-config'
import type { Adapter } from './adapter'

/** SMTP reply codes 4xx are temporary (try later); 5xx are permanent. */
const temporary = (err: { responseCode?: number; code?: string }) =>
  (err.responseCode !== undefined && err.responseCode >= 400 && err.responseCode < 500) ||
  ['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'ECONNREFUSED'].includes(err.code ?? '')

export function smtpAdapter(config: ChannelConfig): Adapter {
  const s = config.settings as { host: string; port: number; secure: boolean; from: string; to: string[] }
  const auth = config.credentials.user
    ? { user: config.credentials.user, pass: config.credentials.pass ?? '' }
    : undefined
  const transport = nodemailer.createTransport({
    host: s.host,
    port: s.port,
    secure: s.secure,
    auth,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000
  })
  return {
    idempotent: false,
    async send(m) {
      try {
        const info = await transport.sendMail({
          from: s.from,
          // the list goes in Bcc: recipients must not see each other's addresses
          to: s.from,
          bcc: s.to,
          subject: m.subject ?? m.text.slice(0, 78),
          text: m.text,
          messageId: `<${m.idempotencyKey}@crisis-console>`,
          headers: { 'Content-Language': m.lang }
        })
        if (info.rejected.length)
          return {
            ok: false,
            retryable: false,
            error: `the server refused ${info.rejected.length} recipient(s): ${info.rejected.slice(0, 5).join(', ')}`
          }
        return { ok: true, externalId: info.messageId, confirmed: true }
      } catch (err) {
        const e = err as Error & { responseCode?: number; code?: string; response?: string }
        return { ok: false, retryable: temporary(e), error: `SMTP: ${e.response ?? e.message}` }
      }
    },
    close: async () => transport.close()
  }
}
