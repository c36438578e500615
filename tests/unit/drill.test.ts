import { describe, expect, it } from 'vitest'
import { ashCloud, expectedRate } from '../../electron/core/drill/ash-cloud'
import { parsePayload } from '../../electron/core/ingest/parse-payload'
import { MINUTE_MS } from '../../shared/volume'

const START = Date.UTC(2010, 3, 15, 6, 0)
const events = (seed = 2010, durationMinutes = 120) => [...ashCloud({ seed, startMs: START, durationMinutes })]

describe('the ash-cloud drill', () => {
  it('is deterministic: the same seed gives byte-identical events, another seed does not', () => {
    const a = events()
    const b = events()
    expect(a.length).toBeGreaterThan(1000)
    expect(a.map((e) => Buffer.from(e.payload).toString('base64'))).toEqual(
      b.map((e) => Buffer.from(e.payload).toString('base64'))
    )
    expect(events(7).map((e) => Buffer.from(e.payload).toString('base64'))).not.toEqual(
      a.map((e) => Buffer.from(e.payload).toString('base64'))
    )
  })

  it('has a quiet baseline and then a surge of an order of magnitude', () => {
    const perMinute = new Map<number, number>()
    for (const e of events())
      perMinute.set(Math.floor(e.offsetMs / MINUTE_MS), (perMinute.get(Math.floor(e.offsetMs / MINUTE_MS)) ?? 0) + 1)
    const mean = (from: number, to: number) => {
      let n = 0
      for (let m = from; m < to; m++) n += perMinute.get(m) ?? 0
      return n / (to - from)
    }
    expect(mean(10, 20) / mean(0, 10)).toBeGreaterThan(10)
    expect(expectedRate(71)).toBeGreaterThan(expectedRate(69)) // the wave after an airline update
  })

  it('speaks nine languages, has high-reach accounts, duplicates and malformed input', () => {
    const all = events(2010, 240)
    const parsed = all.map((e) => ({ e, p: parsePayload(e.payload, 'drill') }))
    const mentions = parsed.flatMap(({ p }) => p.mentions)
    const docs = mentions.map((m) => JSON.parse(m.doc) as { lang?: string; text: string })
    const langs = new Set(docs.map((d) => d.lang).filter(Boolean))
    expect([...langs].sort()).toEqual(['de', 'en', 'es', 'fi', 'fr', 'he', 'nl', 'pl', 'sv'])
    expect(mentions.some((m) => m.followers > 1_000_000)).toBe(true)
    expect(all.filter((e) => e.kind === 'duplicate').length).toBeGreaterThan(10)
    const malformed = parsed.filter(({ e }) => e.kind === 'malformed')
    expect(malformed.length).toBeGreaterThan(10)
    // every malformed event really is rejected, and every other one accepted
    for (const { p } of malformed) expect(p.deadLetters.length).toBe(1)
    for (const { e, p } of parsed) if (e.kind !== 'malformed') expect(p.deadLetters).toEqual([])
    expect(docs.some((d) => d.text.includes('<script>'))).toBe(true)
  })

  it('stamps each mention at the drill start plus its offset, in order', () => {
    const all = events()
    const offsets = all.map((e) => e.offsetMs)
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b))
    const first = all.find((e) => e.kind === 'mention')!
    expect(Date.parse(JSON.parse(Buffer.from(first.payload).toString()).ts)).toBe(START + first.offsetMs)
  })
})
