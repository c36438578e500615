// The wall's stacked minute charts: a count axis a reader can take in at a glance, and areas
// that stack (each series sits on the ones below it) and hold each minute's count as a step.
import { describe, expect, it } from 'vitest'
import { countAxis, stackedStepPaths } from '../../renderer/src/wall/chart-geometry'

const series = [
  { key: 'twitter', color: '#000' },
  { key: 'sms', color: '#fff' }
]

describe('count axis', () => {
  it('runs from 0 to a round number above the highest stack, in steps of 1, 2 or 5 times a power of ten', () => {
    expect(
      countAxis(
        [
          { twitter: 60, sms: 40 },
          { twitter: 3, sms: 0 }
        ],
        series
      )
    ).toEqual({ top: 100, ticks: [0, 50, 100] })
    expect(countAxis([{ twitter: 7 }], series)).toEqual({ top: 8, ticks: [0, 2, 4, 6, 8] })
    expect(countAxis([{ twitter: 1234, sms: 1 }], series)).toEqual({ top: 1500, ticks: [0, 500, 1000, 1500] })
  })

  it('never steps by less than one mention, and has a scale when nothing was counted', () => {
    expect(countAxis([{ twitter: 1 }], series)).toEqual({ top: 1, ticks: [0, 1] })
    expect(countAxis([], series)).toEqual({ top: 4, ticks: [0, 1, 2, 3, 4] })
    expect(countAxis([{ twitter: 0, sms: 0 }], series).top).toBe(4)
  })

  it('reads missing or non-numeric counts as 0', () => {
    expect(countAxis([{ twitter: 'x' }, { sms: 3 }], series)).toEqual({ top: 3, ticks: [0, 1, 2, 3] })
  })
})

describe('stacked step areas', () => {
  const x = (minute: number) => minute
  const y = (count: number) => -count
  const data = [
    { minute: 0, twitter: 2, sms: 1 },
    { minute: 10, twitter: 4, sms: 0 }
  ]
  const points = (path: string) =>
    path
      .slice(1, -1)
      .split('L')
      .map((p) =>
        p
          .split(',')
          .map(Number)
          .map((n) => n + 0)
      ) // n + 0: -0 reads as 0

  it('draws the bottom series from 0 up to its counts, each held until the next minute', () => {
    const [twitter] = stackedStepPaths(data, series, x, y)
    // top edge forwards: 2 from minute 0 to 10, then 4; bottom edge (0) backwards
    expect(points(twitter)).toEqual([
      [0, -2],
      [10, -2],
      [10, -4],
      [10, 0],
      [10, 0],
      [0, 0]
    ])
  })

  it('sits each series on the ones below it', () => {
    const [, sms] = stackedStepPaths(data, series, x, y)
    expect(points(sms)).toEqual([
      [0, -3],
      [10, -3],
      [10, -4],
      [10, -4],
      [10, -2],
      [0, -2]
    ])
  })

  it('draws nothing for an empty window', () => {
    expect(stackedStepPaths([], series, x, y)).toEqual(['', ''])
  })
})
