import { describe, expect, it } from 'vitest'
import { parsePayload } from '../../electron/core/ingest/parse-payload'
import { json, mention } from '../support/mentions'

const SRC = 'mqtt:crisis/in/mentions'

describe('parsePayload', () => {
  it('turns one valid mention into one row, keeping the document as received', () => {
    const m = { ...mention(1), custom: 'kept' }
    const out = parsePayload(json(m), SRC)
    expect(out.deadLetters).toEqual([])
    expect(out.mentions).toHaveLength(1)
    expect(out.mentions[0]).toMatchObject({
      channel: 'twitter',
      id: 'm-1',
      handle: 'traveller1',
      followers: 11,
      lang: null
    })
    expect(JSON.parse(out.mentions[0].doc)).toEqual(m)
  })

  it('counts only real nesting: brackets and escaped quotes inside text are words, not depth', () => {
    const m = mention(1, { text: '[[[[{{{{ "quoted \\" [[[[' + '['.repeat(200) })
    expect(parsePayload(json(m), SRC).mentions.map((r) => r.id)).toEqual(['m-1'])
  })

  it('takes an array, storing the good and dead-lettering each bad element with its index', () => {
    const out = parsePayload(json([mention(1), { ...mention(2), ts: 'soon' }, mention(3)]), SRC)
    expect(out.mentions.map((m) => m.id)).toEqual(['m-1', 'm-3'])
    expect(out.deadLetters).toHaveLength(1)
    expect(out.deadLetters[0].reason).toMatch(/^\[1\] invalid mention: ts: must be an ISO 8601/)
    expect(JSON.parse(Buffer.from(out.deadLetters[0].payload).toString())).toMatchObject({ id: 'm-2' })
  })

  it.each([
    ['malformed JSON', Buffer.from('{"id": "x", '), /^malformed JSON/],
    ['wrong types', json({ ...mention(1), author: { handle: 'a', followers: 'lots' } }), /author\.followers/],
    ['missing fields', json({ id: 'x', channel: 'twitter' }), /author.*text.*ts|author/],
    ['invalid timestamp', json({ ...mention(1), ts: '2010-13-01T00:00:00Z' }), /ts: must be an ISO 8601/],
    ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d]), /^invalid UTF-8$/],
    ['a bare string', json('hello'), /invalid mention/],
    ['null', Buffer.from('null'), /invalid mention/],
    ['an empty batch', Buffer.from('[]'), /^empty batch/],
    ['10,000 nested brackets', Buffer.from('['.repeat(10_000) + ']'.repeat(10_000)), /^nested too deep/],
    [
      'an unknown field nested 6,000 deep',
      Buffer.from(JSON.stringify(mention(1)).replace(/}$/, `,"x":${'['.repeat(6000)}${']'.repeat(6000)}}`)),
      /^nested too deep/
    ]
  ])('dead-letters %s with a reason', (_why, payload, reason) => {
    const out = parsePayload(payload, SRC)
    expect(out.mentions).toEqual([])
    expect(out.deadLetters).toHaveLength(1)
    expect(out.deadLetters[0]).toMatchObject({ source: SRC, size: payload.byteLength })
    expect(out.deadLetters[0].reason).toMatch(reason)
  })

  it('dead-letters a mention dated more than a day ahead of the clock, and keeps the others of its batch', () => {
    const now = Date.parse('2026-11-23T12:00:00Z')
    const at = (ts: string, n: number) => ({ ...mention(n), ts })
    const out = parsePayload(
      json([
        at('2026-11-24T11:59:00Z', 1),
        at('2036-11-23T12:00:00Z', 2),
        at('2026-11-25T06:00:00+01:00', 3),
        at('1970-01-01T00:00:00Z', 4)
      ]),
      SRC,
      { nowMs: now }
    )
    // a day-long drill replayed fast runs almost a day ahead; history from any year is fine
    expect(out.mentions.map((m) => m.id)).toEqual(['m-1', 'm-4'])
    expect(out.deadLetters.map((d) => d.reason)).toEqual([
      "[1] invalid mention: ts: 2036-11-23T12:00:00.000Z is 10 years ahead of this console's clock (more than 24 hours ahead is refused: check the source's clock, time zone or units)",
      "[2] invalid mention: ts: 2026-11-25T05:00:00.000Z is 41 hours ahead of this console's clock (more than 24 hours ahead is refused: check the source's clock, time zone or units)"
    ])
  })

  it('dead-letters text over the length cap, naming the field', () => {
    const out = parsePayload(json({ ...mention(1), text: 'z'.repeat(20_001) }), SRC)
    expect(out.deadLetters[0].reason).toMatch(/^invalid mention: text: /)
  })

  it('dead-letters payloads over 64 KiB, keeping only the first 64 KiB of them', () => {
    const payload = json({ ...mention(1), text: 'x'.repeat(70_000) })
    const out = parsePayload(payload, SRC)
    expect(out.mentions).toEqual([])
    expect(out.deadLetters[0].reason).toBe(`payload too large: ${payload.byteLength} bytes, the limit is 65536`)
    expect(out.deadLetters[0].payload.byteLength).toBe(65536)
  })

  it('accepts a payload of exactly the limit', () => {
    const base = json({ ...mention(1), extra: '' }).byteLength
    const payload = json({ ...mention(1), extra: 'y'.repeat(65536 - base) })
    expect(payload.byteLength).toBe(65536)
    expect(parsePayload(payload, SRC).mentions).toHaveLength(1)
  })
})
