// Turns one raw payload (MQTT message, HTTP body, file line) into valid mentions and dead
// letters. Every way a payload can be bad ends as a dead letter with a reason.
import {
  MentionSchema,
  describeIssues,
  futureTimeProblem,
  parseIsoInstant,
  type Mention
} from '../../../shared/mention'
import type { MentionRow } from '../store/mentions-repo'
import type { DeadLetterRow } from '../store/dead-letters-repo'
import { nestingProblem } from '../../../shared/json-depth'

/** Largest payload we accept, in bytes (64 KiB, issue 2). A larger one is a dead letter. */
export const DEFAULT_MAX_PAYLOAD_BYTES = 64 * 1024

export interface ParsedPayload {
  mentions: MentionRow[]
  deadLetters: DeadLetterRow[]
}

const utf8 = new TextDecoder('utf-8', { fatal: true })
const encoder = new TextEncoder()

export interface PayloadLimits {
  /** default DEFAULT_MAX_PAYLOAD_BYTES */
  maxBytes?: number
  /** the console's clock, for mentions dated too far ahead of it (default Date.now()) */
  nowMs?: number
}

export function parsePayload(payload: Uint8Array, source: string, limits: PayloadLimits = {}): ParsedPayload {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_PAYLOAD_BYTES
  const nowMs = limits.nowMs ?? Date.now()
  const dead = (reason: string, bytes: Uint8Array = payload): ParsedPayload => ({
    mentions: [],
    deadLetters: [{ source, reason, size: bytes.byteLength, payload: bytes.subarray(0, maxBytes) }]
  })
  if (payload.byteLength > maxBytes) {
    return dead(`payload too large: ${payload.byteLength} bytes, the limit is ${maxBytes}`)
  }
  let text: string
  try {
    text = utf8.decode(payload)
  } catch {
    return dead('invalid UTF-8')
  }
  const tooDeep = nestingProblem(text)
  if (tooDeep) return dead(tooDeep)
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (err) {
    return dead(`malformed JSON: ${(err as Error).message}`)
  }
  // an empty batch carries nothing, but it was sent: it is counted, not lost without a trace
  if (Array.isArray(json) && json.length === 0) return dead('empty batch: an array with no mentions')
  const items = Array.isArray(json) ? json : [json]
  const out: ParsedPayload = { mentions: [], deadLetters: [] }
  items.forEach((item, index) => {
    const where = Array.isArray(json) ? `[${index}] ` : ''
    const reject = (problem: string) => {
      const bytes = Array.isArray(json) ? encoder.encode(JSON.stringify(item) ?? 'undefined') : payload
      out.deadLetters.push(...dead(`${where}invalid mention: ${problem}`, bytes).deadLetters)
    }
    const parsed = MentionSchema.safeParse(item)
    if (!parsed.success) return reject(describeIssues(parsed.error))
    const row = toRow(parsed.data)
    const tooFarAhead = futureTimeProblem(row.tsMs, nowMs)
    if (tooFarAhead) return reject(tooFarAhead)
    out.mentions.push(row)
  })
  return out
}

export function toRow(m: Mention): MentionRow {
  return {
    channel: m.channel,
    id: m.id,
    tsMs: parseIsoInstant(m.ts) as number, // the schema has already checked it
    handle: m.author.handle,
    followers: m.author.followers,
    lang: m.lang ?? null,
    text: m.text,
    doc: JSON.stringify(m)
  }
}
