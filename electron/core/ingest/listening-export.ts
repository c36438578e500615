// Rows of common listening-tool exports (Brandwatch, Talkwalker, Meltwater, Sprout Social,
// Hootsuite, and our own mention JSON) to mentions. Columns are matched by their usual
// names, case and punctuation ignored; channel values are mapped to ours. A row becomes
// a mention or a reason it can't; the mention is then validated by the same schema as MQTT.
import crypto from 'node:crypto'
import {
  CHANNELS,
  describeIssues,
  futureTimeProblem,
  MentionSchema,
  parseIsoInstant,
  type Channel,
  type Mention
} from '../../../shared/mention'
import { zonedToIso } from '../../../shared/time-zone'

const FIELDS = {
  id: ['id', 'mention id', 'tweet id', 'post id', 'guid', 'resource id', 'message id'],
  text: [
    'text',
    'full text',
    'content',
    'snippet',
    'hit sentence',
    'message',
    'body',
    'opening text',
    'post text',
    'title',
    'headline'
  ],
  ts: [
    'ts',
    'date',
    'published',
    'published date',
    'created at',
    'created_at',
    'timestamp',
    'time',
    'date (utc)',
    'published at'
  ],
  handle: ['author handle', 'handle', 'author', 'username', 'screen name', 'user', 'author username', 'from'],
  name: ['author name', 'full name', 'name'],
  followers: [
    'followers',
    'author followers',
    'twitter followers',
    'follower count',
    'reach',
    'audience',
    'impressions'
  ],
  channel: ['channel', 'page type', 'source type', 'media type', 'platform', 'network', 'source', 'content source'],
  lang: ['lang', 'language'],
  url: ['url', 'link', 'permalink', 'post url'],
  inReplyTo: ['in reply to', 'inreplyto', 'reply to']
} as const

const CHANNEL_WORDS: [RegExp, Channel][] = [
  [/twitter|^x$|tweet/, 'twitter'],
  [/facebook|^fb$/, 'facebook'],
  [/instagram/, 'instagram'],
  [/forum|reddit|message ?board/, 'forum'],
  [/news|online news|print|broadcast/, 'news'],
  [/blog|tumblr|medium/, 'blog'],
  [/e-?mail/, 'email'],
  [/sms|text message/, 'sms'],
  [/call ?cent|phone/, 'callcenter']
]

const norm = (k: string) =>
  k
    .toLowerCase()
    .replace(/[^a-z0-9()]+/g, ' ')
    .trim()

/** The value of the first column present among `names`, as a trimmed string. */
function pick(row: Record<string, unknown>, names: readonly string[]): string | undefined {
  for (const n of names) {
    const v = row[n]
    if (v === undefined || v === null) continue
    const s = String(v).trim()
    if (s) return s
  }
  return undefined
}

/** Lower-cases and flattens keys (author.handle -> "author handle") so both shapes match. */
export function normalizeRow(raw: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(raw)) {
    const key = norm(prefix ? `${prefix} ${k}` : k)
    if (v && typeof v === 'object' && !Array.isArray(v))
      Object.assign(out, normalizeRow(v as Record<string, unknown>, key))
    else out[key] = v
  }
  return out
}

export function channelOf(value: string | undefined, url: string | undefined): Channel {
  const v = (value ?? '').toLowerCase()
  if ((CHANNELS as readonly string[]).includes(v)) return v as Channel
  for (const [re, c] of CHANNEL_WORDS) if (re.test(v)) return c
  const host = url ? /^https?:\/\/(?:www\.)?([^/]+)/i.exec(url)?.[1]?.toLowerCase() : undefined
  if (host) for (const [re, c] of CHANNEL_WORDS) if (re.test(host.replace(/\.com$/, ''))) return c
  return 'other'
}

/** ISO with a zone as is; a zoneless "2010-04-17 09:14[:00[.0]]" in `timeZone` when one is given. */
export function timestampOf(value: string, timeZone: string | undefined): string | { error: string } {
  if (parseIsoInstant(value) !== null) return value
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::(\d{2}))?(?:\.\d+)?$/.exec(value)
  if (m) {
    if (!timeZone) return { error: `ts: "${value}" has no time zone; pass --time-zone for this export's zone` }
    const iso = zonedToIso(`${m[1]}T${m[2]}`, timeZone)
    if (iso) return m[3] ? iso.replace(/:00([+-])/, `:${m[3]}$1`) : iso
  }
  return { error: `ts: "${value}" is not a date-time` }
}

/** One export row to a valid mention, or the reason it isn't one. */
export function rowToMention(
  raw: Record<string, unknown>,
  o: { timeZone?: string; nowMs?: number }
): { mention: Mention } | { error: string } {
  const row = normalizeRow(raw)
  const text = pick(row, FIELDS.text)
  if (text === undefined) return { error: 'no text (looked for a text, content, snippet or message column)' }
  const tsRaw = pick(row, FIELDS.ts)
  if (tsRaw === undefined) return { error: 'no date (looked for a date, published or timestamp column)' }
  const ts = timestampOf(tsRaw, o.timeZone)
  if (typeof ts !== 'string') return ts
  const url = pick(row, FIELDS.url)
  const handle = pick(row, FIELDS.handle)?.replace(/^@/, '') ?? 'unknown'
  const followersRaw = pick(row, FIELDS.followers)
  const followers = followersRaw === undefined ? 0 : Number(followersRaw.replace(/[ ,_]/g, ''))
  if (!Number.isFinite(followers) || followers < 0) return { error: `followers: "${followersRaw}" is not a number` }
  // no id column: the URL, else the content itself, names the mention (a re-import stays deduplicated)
  const id =
    pick(row, FIELDS.id) ??
    (url ? `url:${url}` : `sha1:${crypto.createHash('sha1').update(`${ts}\n${handle}\n${text}`).digest('hex')}`)
  const lang = pick(row, FIELDS.lang)?.toLowerCase()
  const candidate = {
    id,
    channel: channelOf(pick(row, FIELDS.channel), url),
    author: {
      handle,
      ...(pick(row, FIELDS.name) ? { name: pick(row, FIELDS.name) } : {}),
      followers: Math.round(followers)
    },
    text,
    ts,
    ...(lang && /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/.test(lang) ? { lang } : {}),
    ...(url ? { url } : {}),
    ...(pick(row, FIELDS.inReplyTo) ? { inReplyTo: pick(row, FIELDS.inReplyTo) } : {})
  }
  const parsed = MentionSchema.safeParse(candidate)
  if (!parsed.success) return { error: describeIssues(parsed.error) }
  // the console would dead-letter it: say so in the import's summary instead
  const tooFarAhead = futureTimeProblem(parseIsoInstant(parsed.data.ts) as number, o.nowMs ?? Date.now())
  return tooFarAhead ? { error: tooFarAhead } : { mention: parsed.data }
}
