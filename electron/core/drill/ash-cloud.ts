// The deterministic "ash-cloud" drill: a quiet baseline, airspace closing at T+10 min
// (a surge of over ten times the baseline), and a wave after each airline update every
// hour. Mentions in nine languages from a few thousand travellers and a handful of
// high-reach accounts, with duplicates, hostile text and malformed payloads mixed in,
// so the drill exercises the same ingest path and the same defences as a real incident.
import phrases from '../../../resources/scenarios/ash-cloud.json'
import type { Channel, Mention } from '../../../shared/mention'
import { MINUTE_MS } from '../../../shared/volume'
import { mulberry32, pick, pickWeighted, poisson, type Random } from './prng'

export const ASH_CLOUD = 'ash-cloud'
export const ASH_CLOUD_NAME = phrases.name

export interface DrillEvent {
  /** scenario time since the drill's start */
  offsetMs: number
  /** exactly what a source would publish: usually one mention as JSON, sometimes garbage */
  payload: Uint8Array
  /** for tests and the bench: what the event is meant to be */
  kind: 'mention' | 'duplicate' | 'malformed'
}

export interface DrillOptions {
  /** default 2010 */
  seed?: number
  /** the drill's T+0, ms since the epoch; mention timestamps are start + offset */
  startMs: number
  /** default 240 minutes */
  durationMinutes?: number
  /** mention ids are `<idPrefix>-<n>`; give each drill run its own. Default 'ash' */
  idPrefix?: string
}

const SURGE_AT_MIN = 10
const WAVE_EVERY_MIN = 60

/** Expected mentions per minute at scenario minute `m`. */
export function expectedRate(m: number): number {
  const baseline = 4
  const surge = m >= SURGE_AT_MIN ? 70 * Math.exp(-(m - SURGE_AT_MIN) / 90) : 0
  const sinceUpdate = m - SURGE_AT_MIN - WAVE_EVERY_MIN * Math.floor((m - SURGE_AT_MIN) / WAVE_EVERY_MIN)
  const wave = m >= SURGE_AT_MIN + WAVE_EVERY_MIN ? 35 * Math.exp(-sinceUpdate / 12) : 0
  return baseline + surge + wave
}

type LanguageCode = keyof typeof phrases.languages
const LANGS = Object.keys(phrases.languages) as LanguageCode[]
const CHANNEL_WEIGHTS = Object.entries(phrases.channels) as [Channel, number][]

const HOSTILE = [
  '<script>alert("wall")</script> your airline is a joke',
  '<img src=x onerror="fetch(\'//evil\')"> stranded again',
  '\u202Eevil right-to-left override\u202C where is my refund'
]

const encoder = new TextEncoder()

function fill(rand: Random, template: string): string {
  return template
    .replaceAll('{airport}', pick(rand, phrases.airports))
    .replaceAll('{city}', pick(rand, phrases.cities))
    .replaceAll(
      '{flight}',
      `${pick(rand, ['KL', 'SK', 'AY', 'LO', 'LH', 'AF', 'IB', 'BA', 'LY'])}${100 + Math.floor(rand() * 1800)}`
    )
    .replaceAll('{hours}', String(2 + Math.floor(rand() * 30)))
}

function malformed(rand: Random, ts: string, n: number): Uint8Array {
  switch (n % 6) {
    case 0:
      return encoder.encode('{"id": "broken-' + n + '", "channel": "twitter", "text": "unterminated')
    case 1:
      return encoder.encode(JSON.stringify({ id: `nofields-${n}`, channel: 'twitter', text: 'no author, no ts' }))
    case 2:
      return encoder.encode(
        JSON.stringify({ id: n, channel: 'fax', author: { handle: 'x', followers: 'many' }, text: 1, ts })
      )
    case 3:
      return encoder.encode(
        JSON.stringify({
          id: `badts-${n}`,
          channel: 'forum',
          author: { handle: 'x', followers: 1 },
          text: 'when?',
          ts: 'yesterday-ish'
        })
      )
    case 4:
      return new Uint8Array([0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0xfe, 0x22, 0x7d]) // invalid UTF-8
    default:
      return encoder.encode(
        JSON.stringify({
          id: `huge-${n}`,
          channel: 'blog',
          author: { handle: 'spam', followers: 0 },
          text: 'x'.repeat(70_000 + Math.floor(rand() * 1000)),
          ts
        })
      )
  }
}

/** Yields the drill's events in time order; the same options always give the same events. */
export function* ashCloud(options: DrillOptions): Generator<DrillEvent> {
  const rand = mulberry32(options.seed ?? 2010)
  const duration = options.durationMinutes ?? 240
  let seq = 0
  const published: Mention[] = []
  for (let m = 0; m < duration; m++) {
    const count = poisson(rand, expectedRate(m))
    const offsets = Array.from({ length: count }, () => Math.floor(rand() * MINUTE_MS)).sort((a, b) => a - b)
    for (const within of offsets) {
      const offsetMs = m * MINUTE_MS + within
      const ts = new Date(options.startMs + offsetMs).toISOString()
      seq++
      const r = rand()
      if (r < 0.006) {
        yield { offsetMs, payload: malformed(rand, ts, seq), kind: 'malformed' }
        continue
      }
      if (r < 0.016 && published.length > 0) {
        // the same (channel, id) again, as a flaky source or a QoS 1 redelivery would send it
        yield { offsetMs, payload: encoder.encode(JSON.stringify(pick(rand, published))), kind: 'duplicate' }
        continue
      }
      const mention = makeMention(rand, `${options.idPrefix ?? 'ash'}-${seq}`, ts, m)
      if (published.length < 500) published.push(mention)
      else published[seq % 500] = mention
      yield { offsetMs, payload: encoder.encode(JSON.stringify(mention)), kind: 'mention' }
    }
  }
}

function makeMention(rand: Random, id: string, ts: string, minute: number): Mention {
  if (minute >= SURGE_AT_MIN && rand() < 0.01) {
    const acct = pick(rand, phrases.highReach)
    const lang = acct.lang as LanguageCode
    return {
      id,
      channel: acct.channel as Channel,
      author: { handle: acct.handle, name: acct.name, followers: acct.followers },
      text: fill(rand, pick(rand, phrases.languages[lang].phrases)),
      ts,
      lang
    }
  }
  const lang = pickWeighted(rand, LANGS, (l) => phrases.languages[l].weight)
  const channel = pickWeighted(rand, CHANNEL_WEIGHTS, ([, w]) => w)[0]
  const text = rand() < 0.004 ? pick(rand, HOSTILE) : fill(rand, pick(rand, phrases.languages[lang].phrases))
  return {
    id,
    channel,
    author: { handle: `traveller${Math.floor(rand() * 4000)}`, followers: Math.floor(Math.exp(rand() * 8)) },
    text,
    ts,
    // most sources don't say the language; the analyzers will
    ...(rand() < 0.3 ? { lang } : {})
  }
}
