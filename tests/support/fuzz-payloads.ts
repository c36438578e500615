// Hostile ingest payloads from a seeded generator, for the fuzz tests of every way in.
// Each payload says how many items it carries (an array's elements, else 1), so a test
// can check that stored + dead letters + duplicates accounts for every one of them.
import { DEFAULT_MAX_PAYLOAD_BYTES as MAX_PAYLOAD_BYTES } from '../../electron/core/ingest/parse-payload'
import { mulberry32 as seeded } from '../../electron/core/drill/prng'
import { mention } from './mentions'

export interface FuzzPayload {
  kind: string
  bytes: Buffer
  /** mentions, dead letters or duplicates this payload must end up as, in all */
  items: number
}

const nested = (depth: number, open: string, close: string, core = '0') =>
  open.repeat(depth) + core + close.repeat(depth)

export function fuzzPayloads(seed: number, count: number): FuzzPayload[] {
  const random = seeded(seed)
  const int = (n: number) => Math.floor(random() * n)
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]
  let next = 0
  // ids repeat now and then: those arrive as duplicates
  const freshMention = () => mention(random() < 0.1 && next > 0 ? int(next) : next++, { text: pick(TEXTS) })
  const one = (kind: string, value: unknown): FuzzPayload => ({
    kind,
    bytes: Buffer.from(JSON.stringify(value)),
    items: 1
  })
  const raw = (kind: string, text: string | Buffer): FuzzPayload => ({
    kind,
    bytes: Buffer.isBuffer(text) ? text : Buffer.from(text),
    items: 1
  })

  const makers: (() => FuzzPayload)[] = [
    () => one('valid mention', freshMention()),
    () => {
      const batch = Array.from({ length: 1 + int(20) }, () => (random() < 0.7 ? freshMention() : pick(BAD_MENTIONS)()))
      return { kind: 'mixed batch', bytes: Buffer.from(JSON.stringify(batch)), items: batch.length }
    },
    () => one('bad mention', pick(BAD_MENTIONS)()),
    () => raw('deep brackets', nested(1000 + int(20_000), '[', ']')),
    () => raw('deep objects', nested(100 + int(5000), '{"a":', '}')),
    () =>
      raw(
        'deep unknown field',
        JSON.stringify(freshMention()).replace(/}$/, `,"extra":${nested(65 + int(6000), '[', ']')}}`)
      ),
    () => raw('deep element in a batch', `[${nested(3000, '[', ']')}]`),
    () => raw('empty batch', '[]'),
    () => raw('random bytes', Buffer.from([0x7b, ...Array.from({ length: int(300) }, () => int(256))])),
    () => raw('truncated JSON', JSON.stringify(freshMention()).slice(0, 1 + int(60))),
    () => raw('invalid UTF-8', Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d])),
    () => raw('scalar', pick(['null', 'true', '0', '"text"', '1e999', '-0'])),
    () => raw('prototype keys', `{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}},"id":"p${int(1e6)}"}`),
    () => raw('oversized', `{"text":"${'x'.repeat(70 * 1024)}"}`),
    () => raw('empty', '')
  ]
  return Array.from({ length: count }, () => {
    const p = pick(makers)()
    // a payload over the size limit is refused whole: one dead letter, however many it carried
    return p.bytes.byteLength > MAX_PAYLOAD_BYTES ? { ...p, items: 1 } : p
  })
}

const TEXTS = [
  'Flight cancelled, what now?',
  'Vlucht geannuleerd 😡',
  'הטיסה בוטלה',
  'ألغيت الرحلة',
  '\u202e\u0000\ud800',
  'x'.repeat(5000)
]

const BAD_MENTIONS: (() => unknown)[] = [
  () => ({ ...mention(0), id: '' }),
  () => ({ ...mention(0), channel: 'carrier-pigeon' }),
  () => ({ ...mention(0), ts: 'yesterday' }),
  () => ({ ...mention(0), ts: '2099-01-01T00:00:00Z' }),
  () => ({ ...mention(0), author: { handle: 'a', followers: -1 } }),
  () => ({ ...mention(0), author: null }),
  () => ({ ...mention(0), text: 42 }),
  () => ({ ...mention(0), text: 'y'.repeat(100_000) }),
  () => [],
  () => null,
  () => 'a string'
]
