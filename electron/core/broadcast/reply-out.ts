// A reply from the response queue goes out through the same ledger as statements, on the
// mention's own channel (a tweet answered by a tweet), or as a direct message when it
// carries personal data. Channels without an outbound path (forums, news, the call centre)
// keep the reply recorded only, and say so.
import type { Channel } from '../../../shared/mention'
import { personalData } from '../../../shared/personal-data'
import { REPLY_CHANNEL } from '../../../shared/reply-route'
import type { Db } from '../store/db'
import type { ChannelConfig } from './channel-config'
import type { Dispatcher } from './dispatcher'
import { insertDelivery } from './ledger-repo'

export interface ReplyRoute {
  deliveryId: number | null
  via: string | null
  direct: boolean
  /** why it was recorded only, when it was */
  recordedOnly?: string
}

export function replyOutbox(channels: readonly ChannelConfig[], dispatcher: Dispatcher) {
  return {
    /** Queues the reply's delivery; call inside the reply's transaction (the outbox rule). */
    async enqueue(
      db: Db,
      m: { seq: number; channel: Channel; id: string; author: string; lang: string | null },
      text: string,
      nowMs: number
    ): Promise<ReplyRoute> {
      const kinds = personalData(text)
      const direct = kinds.length > 0
      const via = REPLY_CHANNEL[m.channel]
      const config = via ? channels.find((c) => c.id === via) : undefined
      if (!config)
        return { deliveryId: null, via: null, direct, recordedOnly: `no outbound channel for ${m.channel} replies` }
      const deliveryId = await insertDelivery(
        db,
        {
          kind: 'reply',
          broadcastId: null,
          statementId: null,
          revision: null,
          mentionSeq: m.seq,
          channel: config.id,
          adapter: config.adapter,
          lang: m.lang ?? 'und',
          payload: {
            channel: config.id,
            lang: m.lang ?? 'und',
            text,
            statementId: null,
            revision: null,
            inReplyTo: { channel: m.channel, id: m.id, author: m.author },
            direct
          },
          key: `reply-${m.seq}-${nowMs}`
        },
        nowMs
      )
      return { deliveryId, via: config.id, direct }
    },
    /** After the commit: tell the consoles and send. */
    async sent(route: ReplyRoute): Promise<void> {
      if (route.deliveryId === null) return
      await dispatcher.announce(route.deliveryId)
      dispatcher.kick()
    }
  }
}

export type ReplyOutbox = ReturnType<typeof replyOutbox>
