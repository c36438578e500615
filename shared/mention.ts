// The mention contract (DESIGN 4.2): what sources publish on `<prefix>/in/mentions`.
// Runs anywhere: no DOM, no Node.
import { z } from 'zod'

export const CHANNELS = [
  'twitter',
  'facebook',
  'instagram',
  'forum',
  'news',
  'blog',
  'email',
  'sms',
  'callcenter',
  'other'
] as const
export type Channel = (typeof CHANNELS)[number]

/** Longest mention text we store, in UTF-16 code units. Longer is a dead letter, not a silent cut. */
export const MAX_TEXT_LENGTH = 20_000

// ISO 8601 date-time with an explicit zone: a timestamp without one is ambiguous across
// the war room's time zones, so we refuse it rather than guess.
const ISO_WITH_ZONE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i

/** Milliseconds since the epoch, or null when `s` is not a real ISO 8601 instant with a zone. */
export function parseIsoInstant(s: string): number | null {
  const m = ISO_WITH_ZONE.exec(s)
  if (!m) return null
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((x) => Number(x ?? 0))
  // Date.parse rolls 2010-02-30 over into March; check the calendar fields ourselves.
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate()
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return null
  if (hour > 23 || minute > 59 || second > 59) return null
  const ms = Date.parse(s)
  return Number.isFinite(ms) ? ms : null
}

const timestamp = z
  .string()
  .max(64)
  .refine((s) => parseIsoInstant(s) !== null, {
    message: 'must be an ISO 8601 date-time with a time zone, e.g. 2010-04-17T09:14:00Z'
  })

export const AuthorSchema = z.looseObject({
  handle: z.string().min(1).max(256),
  name: z.string().max(256).optional(),
  followers: z.number().int().min(0).max(10_000_000_000)
})

/** A BCP 47 language tag as sources write them: "nl", "pt-BR", "zh-Hant-TW". */
export const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$/

export const MentionSchema = z.looseObject({
  id: z.string().min(1).max(256),
  channel: z.enum(CHANNELS),
  author: AuthorSchema,
  text: z.string().max(MAX_TEXT_LENGTH),
  ts: timestamp,
  lang: z.string().regex(LANGUAGE_TAG, 'must be a language tag such as "nl" or "pt-BR"').optional(),
  url: z.string().max(2048).optional(),
  inReplyTo: z.string().max(256).optional()
})
export type Mention = z.infer<typeof MentionSchema>

/** Explains a schema failure in one line that names the field, for dead letters and API errors. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ')
}

/**
 * How far ahead of the console's clock a mention's time may be. A drill replayed at
 * `--speed 60` runs up to its length ahead (a day-long drill: almost a day); a source with
 * a wrong year or unit (milliseconds read as seconds) runs further. A wrong time zone, hours
 * off, gets in: the stream's present (ingest/stream-present.ts) keeps a few such mentions
 * from moving the wall and the spike alerts.
 */
export const MAX_LEAD_MS = 24 * 3600_000

/** Why a mention at `tsMs` is too far ahead of `nowMs` (one line naming `ts`), or null. */
export function futureTimeProblem(tsMs: number, nowMs: number): string | null {
  const lead = tsMs - nowMs
  if (lead <= MAX_LEAD_MS) return null
  const hours = lead / 3600_000
  const ahead =
    hours < 72
      ? `${Math.round(hours)} hours`
      : hours < 24 * 730
        ? `${Math.round(hours / 24)} days`
        : `${Math.round(hours / 24 / 365.25)} years`
  return `ts: ${new Date(tsMs).toISOString()} is ${ahead} ahead of this console's clock (more than ${MAX_LEAD_MS / 3600_000} hours ahead is refused: check the source's clock, time zone or units)`
}
