import { describe, expect, it } from 'vitest'
import type { EngineEvent, WallSnapshot } from '../../shared/api'
import { DEFAULT_LAYOUT } from '../../shared/wall'
import { applyIngested, applySnapshot, emptyWall, applySentiment } from '../../shared/wall-state'

const MIN = Date.UTC(2010, 3, 17, 9, 0)
const snapshot = (seq: number, total: number): WallSnapshot => ({
  seq,
  incident: null,
  statement: null,
  channels: [],
  sentiment: [],
  sentimentSeq: 0,
  alerts: [],
  risingTerms: [],
  topNegative: [],
  team: [],
  layout: DEFAULT_LAYOUT,
  totals: { mentions: total, byChannel: { twitter: total }, deadLetters: 0 },
  volume: total ? [{ minute: MIN, channel: 'twitter', count: total }] : [],
  latest: [],
  serverTime: new Date(MIN).toISOString()
})
const commit = (prevSeq: number, lastSeq: number, total: number): Extract<EngineEvent, { type: 'ingested' }> => ({
  type: 'ingested',
  prevSeq,
  lastSeq,
  at: '',
  inserted: lastSeq - prevSeq,
  duplicates: 0,
  deadLetters: 0,
  deltas: lastSeq > prevSeq ? [{ minute: MIN, channel: 'twitter', count: lastSeq - prevSeq }] : [],
  latest: [],
  totals: { mentions: total, deadLetters: 0 }
})

describe('wall state', () => {
  it('applies commits that follow the snapshot, in order', () => {
    let s = applySnapshot(emptyWall, snapshot(5, 5), 60)
    s = applyIngested(s, commit(5, 7, 7), 60).state
    s = applyIngested(s, commit(7, 8, 8), 60).state
    expect(s).toMatchObject({ seq: 8, total: 8, byChannel: { twitter: 8 } })
    expect(s.rows).toEqual([{ minute: MIN, counts: { twitter: 8 } }])
  })

  it('skips a commit the snapshot already holds (event delivered before the snapshot answer)', () => {
    const s = applySnapshot(emptyWall, snapshot(7, 7), 60)
    expect(applyIngested(s, commit(5, 7, 7), 60)).toEqual({ state: s, gap: false })
  })

  it('ignores a snapshot older than the state (answers crossing on the wire)', () => {
    let s = applySnapshot(emptyWall, snapshot(5, 5), 60)
    s = applyIngested(s, commit(5, 6, 6), 60).state
    expect(applySnapshot(s, snapshot(5, 5), 60)).toBe(s)
  })

  it('reports a gap when a commit was missed, and does not count the later one on top', () => {
    const s = applySnapshot(emptyWall, snapshot(5, 5), 60)
    const r = applyIngested(s, commit(6, 9, 9), 60)
    expect(r.gap).toBe(true)
    expect(r.state.total).toBe(5)
    // the fresh snapshot then brings it all
    expect(applySnapshot(r.state, snapshot(9, 9), 60).total).toBe(9)
  })

  it('treats every commit before the first snapshot as a gap', () => {
    expect(applyIngested(emptyWall, commit(0, 2, 2), 60).gap).toBe(true)
  })
})

describe('applySentiment', () => {
  const M = Date.UTC(2010, 3, 17, 9, 0)
  const slice = (fromSeq: number, upToSeq: number, negative: number) => ({
    type: 'sentiment' as const,
    fromSeq,
    upToSeq,
    deltas: [{ minute: M, negative, neutral: 1, positive: 0, originals: negative }]
  })
  const base = {
    ...emptyWall,
    sentimentSeq: 10,
    sentiment: [{ minute: M, negative: 2, neutral: 0, positive: 1, originals: 2 }]
  }

  it('adds a slice that starts where the state stands, and skips one it already holds', () => {
    const { state, gap } = applySentiment(base, slice(10, 20, 3), 180)
    expect(gap).toBe(false)
    expect(state.sentiment).toEqual([{ minute: M, negative: 5, neutral: 1, positive: 1, originals: 5 }])
    expect(state.sentimentSeq).toBe(20)
    expect(applySentiment(state, slice(10, 20, 3), 180).state).toBe(state)
  })

  it('reports a gap when a slice was missed, changing nothing', () => {
    const { state, gap } = applySentiment(base, slice(15, 25, 3), 180)
    expect(gap).toBe(true)
    expect(state).toBe(base)
  })
})
