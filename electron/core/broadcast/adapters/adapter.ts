// One interface for every way out. An adapter sends one delivery and reports what the
// platform said, in the platform's own words; the dispatcher decides about retries.
import type { OutboundMessage } from '../../../../shared/broadcast'
import type { ChannelConfig } from '../channel-config'

export type SendOutcome =
  /** the platform took it; `confirmed` when taking it is the last word (HTTP APIs) */
  | { ok: true; externalId: string | null; confirmed: boolean }
  /**
   * refused or unreachable; `retryable` only where trying again can help (rate limit, 5xx,
   * network). `notSent`: it never left (our broker is away, or no gateway listens), so it
   * doesn't count as an attempt; `noReceiver`: it never left because nobody would get it.
   */
  | { ok: false; retryable: boolean; error: string; retryAfterMs?: number; notSent?: true; noReceiver?: true }

export interface Adapter {
  /**
   * Whether re-sending after a crash mid-send is safe: the receiver dedupes on our key
   * (MQTT gateways on deliveryId, webhooks and Mastodon on Idempotency-Key). Where it isn't,
   * an interrupted send is failed for a person to check, never sent twice blindly.
   */
  readonly idempotent: boolean
  send(message: OutboundMessage, signal: AbortSignal): Promise<SendOutcome>
  close?(): Promise<void>
}

export type AdapterFactory = (config: ChannelConfig) => Adapter

/** The retry rules of HTTP: 408, 425, 429 and 5xx may pass on a later try; other 4xx will not. */
export function httpFailure(status: number, error: string, retryAfter: string | null): SendOutcome {
  const retryable = status === 408 || status === 425 || status === 429 || status >= 500
  const seconds = retryAfter !== null && /^\d+$/.test(retryAfter) ? Number(retryAfter) : null
  return {
    ok: false,
    retryable,
    error: `HTTP ${status}: ${error}`,
    ...(seconds !== null ? { retryAfterMs: seconds * 1000 } : {})
  }
}

/** A network error (refused, reset, timed out) is worth another try. */
export const networkFailure = (err: unknown): SendOutcome => ({
  ok: false,
  retryable: true,
  error: `unreachable: ${(err as Error).message}`
})
