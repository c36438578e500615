import { describe, expect, it } from 'vitest'
import { PRESENT_MARGIN_MS, StreamPresent } from '../../electron/core/ingest/stream-present'

const NOW = Date.parse('2026-11-23T12:00:00Z')
const H = 3600_000

describe('the stream present', () => {
  it('is the clock, plus a margin, when mentions are live or history', () => {
    const p = new StreamPresent(() => NOW)
    expect(p.limitMs()).toBe(NOW + PRESENT_MARGIN_MS)
    p.saw(Array.from({ length: 300 }, (_, k) => NOW - 48 * H + k * 1000)) // an import of two days ago
    expect(p.limitMs()).toBe(NOW + PRESENT_MARGIN_MS)
  })

  it('is not moved by a minority of mentions from hours ahead (a source in the wrong time zone)', () => {
    const p = new StreamPresent(() => NOW)
    for (let k = 0; k < 100; k++) p.saw([NOW - k * 1000, ...(k % 3 === 0 ? [NOW + 9 * H] : [])])
    expect(p.limitMs()).toBe(NOW + PRESENT_MARGIN_MS)
  })

  it('follows a drill replayed faster than real time, whose mentions are all ahead', () => {
    const p = new StreamPresent(() => NOW)
    const drill = Array.from({ length: 150 }, (_, k) => NOW + 3 * H + k * 1000)
    p.saw(drill)
    const limit = p.limitMs()
    // the median of the last 101: most of the newest mentions' minutes are inside it
    expect(limit).toBeGreaterThan(drill[drill.length - 1])
    expect(limit).toBeLessThan(drill[drill.length - 1] + PRESENT_MARGIN_MS)
  })

  it('keeps the minutes after it out of live deltas, and says once when it has reached them', () => {
    let clock = NOW
    const p = new StreamPresent(() => clock)
    const minute = (ms: number) => ms - (ms % 60_000)
    const ahead = minute(NOW + 20 * 60_000)
    const deltas = [
      { minute: minute(NOW), count: 5 },
      { minute: ahead, count: 2 }
    ]
    expect(p.within(deltas)).toEqual([deltas[0]])
    expect(p.reached()).toEqual([])
    clock = NOW + 16 * 60_000 // the clock alone moves the present past it
    expect(p.reached()).toEqual([ahead])
    expect(p.reached()).toEqual([])
  })

  it('after a restart, still announces the minutes that were ahead of it when it stopped', async () => {
    let clock = NOW
    const ahead = NOW + 20 * 60_000
    // the store as a restart finds it: recent mentions now, and one minute counted ahead
    const store = {
      all: async (sql: string) =>
        sql.includes('minute_volume')
          ? [{ minute: ahead }]
          : Array.from({ length: 50 }, (_, k) => ({ ts_ms: NOW - k * 1000 }))
    } as unknown as Parameters<StreamPresent['load']>[0]
    const p = new StreamPresent(() => clock)
    await p.load(store)
    expect(p.reached()).toEqual([])
    clock = NOW + 16 * 60_000
    expect(p.reached()).toEqual([ahead])
  })
})
