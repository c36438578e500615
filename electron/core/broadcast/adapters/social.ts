// The social platforms, each to its documented request and error shapes:
// - X API v2: POST /2/tweets {"text"} with a user-context bearer token; 201 {"data":{"id"}};
//   errors {"title","detail","status"}; 429 carries x-rate-limit-reset (epoch seconds).
//   X refuses duplicate content (403) and has no idempotency key: not idempotent.
// - Mastodon: POST /api/v1/statuses {"status","language"} with Idempotency-Key (Mastodon
//   dedupes on it for an hour); 200 {"id","url"}; errors {"error"}; 422 validation.
// - Facebook Page: POST /{page-id}/feed (form: message, access_token); 200 {"id"};
//   errors {"error":{"message","type","code"}}; codes 4, 17, 32, 613 are rate limits.
// - SMS gateway (generic HTTP): POST {"to":[...],"text"} with a bearer key and
//   Idempotency-Key; 2xx {"id"}.
import type { ChannelConfig } from '../channel-config'
import { httpFailure, type Adapter, type SendOutcome } from './adapter'
import { brief, isAnswer, post, type HttpAnswer } from './http-post'

const FACEBOOK_RATE_LIMIT_CODES = new Set([4, 17, 32, 613])

const json = (token: string, extra: Record<string, string> = {}) => ({
  'content-type': 'application/json',
  authorization: `Bearer ${token}`,
  ...extra
})
const idOf = (body: unknown, path: (b: Record<string, unknown>) => unknown): string | null => {
  const v = body && typeof body === 'object' ? path(body as Record<string, unknown>) : null
  return typeof v === 'string' || typeof v === 'number' ? String(v) : null
}

/** The outcome of a 2xx answer (taken, with the platform's id), or null for an error answer. */
function accepted(a: HttpAnswer, id: string | null, what: string): SendOutcome | null {
  if (a.status < 200 || a.status >= 300) return null
  return id
    ? { ok: true, externalId: id, confirmed: true }
    : { ok: false, retryable: false, error: `${what} answered ${a.status} without an id: ${brief(a.body)}` }
}

export function xAdapter(config: ChannelConfig): Adapter {
  const { baseUrl } = config.settings as { baseUrl: string }
  return {
    idempotent: false,
    async send(m, signal) {
      // X's DM endpoint needs the author's numeric user id, which a mention doesn't carry
      if (m.direct)
        return {
          ok: false,
          retryable: false,
          error:
            'this reply carries personal data and must go by direct message; X needs the user id for that: send it from X itself'
        }
      const body = { text: m.text, ...(m.inReplyTo ? { reply: { in_reply_to_tweet_id: m.inReplyTo.id } } : {}) }
      const a = await post(
        `${baseUrl}/2/tweets`,
        { headers: json(config.credentials.bearerToken), body: JSON.stringify(body) },
        signal
      )
      if (!isAnswer(a)) return a
      const ok = accepted(
        a,
        idOf(a.body, (b) => (b.data as Record<string, unknown> | undefined)?.id),
        'X'
      )
      if (ok) return ok
      const b = (a.body ?? {}) as { detail?: string; title?: string }
      const reset = a.headers.get('x-rate-limit-reset')
      const out = httpFailure(a.status, b.detail ?? b.title ?? brief(a.body), null)
      if (a.status === 429 && reset && /^\d+$/.test(reset) && !out.ok)
        out.retryAfterMs = Math.max(0, Number(reset) * 1000 - Date.now())
      return out
    }
  }
}

export function mastodonAdapter(config: ChannelConfig): Adapter {
  const { baseUrl } = config.settings as { baseUrl: string }
  return {
    idempotent: true,
    async send(m, signal) {
      const body = JSON.stringify({ status: m.text, language: m.lang, visibility: m.direct ? 'direct' : 'public' })
      const a = await post(
        `${baseUrl}/api/v1/statuses`,
        { headers: json(config.credentials.accessToken, { 'idempotency-key': m.idempotencyKey }), body },
        signal
      )
      if (!isAnswer(a)) return a
      const ok = accepted(
        a,
        idOf(a.body, (b) => b.id),
        'Mastodon'
      )
      if (ok) return ok
      return httpFailure(
        a.status,
        (a.body as { error?: string } | null)?.error ?? brief(a.body),
        a.headers.get('retry-after')
      )
    }
  }
}

export function facebookAdapter(config: ChannelConfig): Adapter {
  const { baseUrl, pageId } = config.settings as { baseUrl: string; pageId: string }
  return {
    idempotent: false,
    async send(m, signal) {
      const form = new URLSearchParams({ message: m.text, access_token: config.credentials.pageAccessToken })
      const a = await post(
        `${baseUrl}/${pageId}/feed`,
        { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() },
        signal
      )
      if (!isAnswer(a)) return a
      const ok = accepted(
        a,
        idOf(a.body, (b) => b.id),
        'Facebook'
      )
      if (ok) return ok
      const e = (a.body as { error?: { message?: string; code?: number; type?: string } } | null)?.error
      if (e?.code !== undefined && FACEBOOK_RATE_LIMIT_CODES.has(e.code))
        return { ok: false, retryable: true, error: `Facebook rate limit (code ${e.code}): ${e.message}` }
      return httpFailure(a.status, e ? `${e.message} (${e.type}, code ${e.code})` : brief(a.body), null)
    }
  }
}

export function smsHttpAdapter(config: ChannelConfig): Adapter {
  const { url, to } = config.settings as { url: string; to: string[] }
  return {
    idempotent: true,
    async send(m, signal) {
      const a = await post(
        url,
        {
          headers: json(config.credentials.apiKey, { 'idempotency-key': m.idempotencyKey }),
          body: JSON.stringify({ to, text: m.text })
        },
        signal
      )
      if (!isAnswer(a)) return a
      const ok = accepted(
        a,
        idOf(a.body, (b) => b.id),
        'the SMS gateway'
      )
      if (ok) return ok
      return httpFailure(a.status, brief(a.body), a.headers.get('retry-after'))
    }
  }
}
