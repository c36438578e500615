// The wall's live state as pure transitions over snapshots and pushed events, ordered by
// stream position (mention seq): whatever order they arrive in, the wall ends up showing
// exactly what is stored, with no commit missed or counted twice.
import type { EngineEvent, WallSnapshot } from './api'
import type { Channel } from './mention'
import { DEFAULT_LAYOUT } from './wall'
import { mergeVolume, type VolumeRow } from './volume'

/** What a snapshot carries as is, plus the counts and per-minute rows kept in their own shapes. */
export interface WallState extends Pick<
  WallSnapshot,
  | 'incident'
  | 'latest'
  | 'statement'
  | 'channels'
  | 'sentiment'
  | 'sentimentSeq'
  | 'alerts'
  | 'risingTerms'
  | 'topNegative'
  | 'team'
  | 'layout'
> {
  /** stream position the state reflects; -1 before the first snapshot */
  seq: number
  total: number
  deadLetters: number
  byChannel: Partial<Record<Channel, number>>
  rows: VolumeRow[]
}

export const LATEST_KEPT = 12
export const ALERTS_KEPT = 10

export const emptyWall: WallState = {
  seq: -1,
  incident: null,
  total: 0,
  deadLetters: 0,
  byChannel: {},
  rows: [],
  latest: [],
  statement: null,
  channels: [],
  sentiment: [],
  sentimentSeq: -1,
  alerts: [],
  risingTerms: [],
  topNegative: [],
  team: [],
  layout: DEFAULT_LAYOUT
}

/** A snapshot replaces the state unless it is older than what the state already shows. */
export function applySnapshot(state: WallState, s: WallSnapshot, bufferMinutes: number): WallState {
  if (s.seq < state.seq) return state
  return {
    seq: s.seq,
    incident: s.incident,
    total: s.totals.mentions,
    deadLetters: Math.max(state.deadLetters, s.totals.deadLetters),
    byChannel: s.totals.byChannel,
    rows: mergeVolume([], s.volume, bufferMinutes),
    latest: s.latest.slice(-LATEST_KEPT),
    statement: s.statement,
    channels: s.channels,
    sentiment: s.sentiment,
    sentimentSeq: s.sentimentSeq,
    alerts: s.alerts.slice(0, ALERTS_KEPT),
    risingTerms: s.risingTerms,
    topNegative: s.topNegative,
    team: s.team,
    layout: s.layout
  }
}

export const applySignals = (state: WallState, e: Extract<EngineEvent, { type: 'signals' }>): WallState => ({
  ...state,
  risingTerms: e.risingTerms,
  topNegative: e.topNegative
})

export const applyPresence = (state: WallState, e: Extract<EngineEvent, { type: 'presence' }>): WallState => ({
  ...state,
  team: e.online
})

/** A new alert goes on top; an acknowledged one replaces its earlier self. */
export function applyAlert(state: WallState, e: Extract<EngineEvent, { type: 'alert' }>): WallState {
  const others = state.alerts.filter((a) => a.id !== e.alert.id)
  const alerts = [...others, e.alert].sort((a, b) => Date.parse(b.minute) - Date.parse(a.minute)).slice(0, ALERTS_KEPT)
  return { ...state, alerts }
}

/**
 * Adds one slice of analyzed mentions, in stream order like commits: `gap` when the state
 * is behind the slice's start (take a fresh snapshot); the buffer keeps `bufferMinutes`.
 */
export function applySentiment(
  state: WallState,
  e: Extract<EngineEvent, { type: 'sentiment' }>,
  bufferMinutes: number
): { state: WallState; gap: boolean } {
  if (e.upToSeq <= state.sentimentSeq) return { state, gap: false }
  if (e.fromSeq !== state.sentimentSeq) return { state, gap: true }
  const byMinute = new Map(state.sentiment.map((p) => [p.minute, { ...p }]))
  for (const d of e.deltas) {
    const p = byMinute.get(d.minute) ?? { minute: d.minute, negative: 0, neutral: 0, positive: 0, originals: 0 }
    p.negative += d.negative
    p.neutral += d.neutral
    p.positive += d.positive
    p.originals += d.originals
    byMinute.set(d.minute, p)
  }
  const points = [...byMinute.values()].sort((a, b) => a.minute - b.minute)
  const newest = points.at(-1)?.minute ?? 0
  return {
    gap: false,
    state: {
      ...state,
      sentimentSeq: e.upToSeq,
      sentiment: points.filter((p) => p.minute > newest - bufferMinutes * 60_000)
    }
  }
}

/** A delivery changed: the event carries the whole strip as it stands after it. */
/** A delivery changed, or whether a gateway listens: the strip is replaced whole. */
export const applyDelivery = (
  state: WallState,
  e: Extract<EngineEvent, { type: 'delivery' | 'channels' }>
): WallState => ({ ...state, channels: e.channels })

/** A statement changed: the wall takes its incident's current words (another incident's don't concern it). */
export function applyStatement(state: WallState, e: Extract<EngineEvent, { type: 'statement' }>): WallState {
  if (!state.incident || e.statement.incidentId !== state.incident.id) return state
  return { ...state, statement: e.wall }
}

type Ingested = Extract<EngineEvent, { type: 'ingested' }>

/**
 * Applies one commit. `gap` is true when the state is behind the commit's start: some
 * earlier commit was missed (before the socket opened, or while it was down), so the
 * caller should take a fresh snapshot, which will include this commit too.
 */
export function applyIngested(
  state: WallState,
  e: Ingested,
  bufferMinutes: number
): { state: WallState; gap: boolean } {
  const deadLetters = Math.max(state.deadLetters, e.totals.deadLetters)
  if (e.lastSeq <= state.seq)
    return { state: deadLetters === state.deadLetters ? state : { ...state, deadLetters }, gap: false }
  if (e.prevSeq !== state.seq) return { state: { ...state, deadLetters }, gap: true }
  const byChannel = { ...state.byChannel }
  for (const d of e.deltas) byChannel[d.channel] = (byChannel[d.channel] ?? 0) + d.count
  return {
    gap: false,
    state: {
      ...state,
      seq: e.lastSeq,
      total: e.totals.mentions,
      deadLetters,
      byChannel,
      rows: mergeVolume(state.rows, e.deltas, bufferMinutes),
      latest: [...state.latest, ...e.latest].slice(-LATEST_KEPT)
    }
  }
}
