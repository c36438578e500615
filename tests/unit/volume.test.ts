import { describe, expect, it } from 'vitest'
import { fillMinutes, mergeVolume, MINUTE_MS, rowTotal } from '../../shared/volume'

const T0 = Date.UTC(2010, 3, 17, 9, 0)
const at = (min: number) => T0 + min * MINUTE_MS

describe('mergeVolume', () => {
  it('adds deltas per minute and channel, keeping rows sorted', () => {
    let rows = mergeVolume([], [{ minute: at(2), channel: 'twitter', count: 3 }], 60)
    rows = mergeVolume(
      rows,
      [
        { minute: at(1), channel: 'sms', count: 1 },
        { minute: at(2), channel: 'twitter', count: 2 },
        { minute: at(2), channel: 'facebook', count: 4 }
      ],
      60
    )
    expect(rows).toEqual([
      { minute: at(1), counts: { sms: 1 } },
      { minute: at(2), counts: { twitter: 5, facebook: 4 } }
    ])
    expect(rowTotal(rows[1])).toBe(9)
  })

  it('stays bounded: a wall running for days keeps only the newest minutes', () => {
    let rows = mergeVolume([], [], 30)
    for (let m = 0; m < 5000; m++) rows = mergeVolume(rows, [{ minute: at(m), channel: 'twitter', count: 1 }], 30)
    expect(rows).toHaveLength(30)
    expect(rows[0].minute).toBe(at(4970))
  })

  it('does not modify the rows it was given', () => {
    const rows = [{ minute: at(0), counts: { twitter: 1 } }]
    mergeVolume(rows, [{ minute: at(0), channel: 'twitter', count: 1 }], 10)
    expect(rows[0].counts.twitter).toBe(1)
  })
})

describe('fillMinutes', () => {
  it('fills quiet minutes with empty rows so the chart shows them as quiet', () => {
    const filled = fillMinutes(
      [
        { minute: at(0), counts: { twitter: 1 } },
        { minute: at(3), counts: { sms: 2 } }
      ],
      5
    )
    expect(filled.map((r) => (r.minute - T0) / MINUTE_MS)).toEqual([-1, 0, 1, 2, 3])
    expect(filled.map(rowTotal)).toEqual([0, 1, 0, 0, 2])
  })

  it('is empty without data', () => {
    expect(fillMinutes([], 60)).toEqual([])
  })
})
