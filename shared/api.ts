// The one API contract (DESIGN 2): every method with its parameters (runtime schemas) and
// its result type, and every pushed event. The Electron preload and the web host both
// forward to the same engine dispatch; the renderer talks to whichever transport exists.
import { z } from 'zod'
import type { Channel } from './mention'
import type { Result } from './result'
import type { VolumePoint } from './volume'

export interface IncidentSummary {
  id: number
  name: string
  /** a drill is never confused with a real incident: the UI marks it DRILL everywhere */
  drill: boolean
  scenario: string | null
  startedAt: string
}

export interface MentionSummary {
  channel: Channel
  id: string
  ts: string
  author: string
  followers: number
  lang: string | null
  /** first 280 characters; always rendered as text, never as HTML */
  text: string
}

export interface Health {
  ok: boolean
  version: string
  mentions: number
  deadLetters: number
  duplicates: number
  uptimeMs: number
  broker: { url: string; embedded: boolean; connected: boolean }
}

export interface WallSnapshot {
  /**
   * The stream position this snapshot reflects (the newest mention's seq). Events with
   * lastSeq <= seq are already in it; see the 'ingested' event.
   */
  seq: number
  incident: IncidentSummary | null
  totals: { mentions: number; byChannel: Partial<Record<Channel, number>>; deadLetters: number }
  volume: VolumePoint[]
  latest: MentionSummary[]
  serverTime: string
}

export interface DeadLetter {
  seq: number
  receivedAt: string
  source: string
  reason: string
  size: number
  /** the first bytes of the payload, decoded leniently, for a human to look at */
  preview: string
}

const noParams = z.object({}).strict()

/** Method name -> HTTP route, whether it needs a session, and its parameter schema. */
export const methods = {
  health: { http: { verb: 'GET', path: '/api/health' }, auth: false, params: noParams },
  wallSnapshot: {
    http: { verb: 'GET', path: '/api/wall' },
    auth: true,
    params: z.object({ minutes: z.coerce.number().int().min(1).max(24 * 60).default(60) }).strict()
  },
  deadLetters: {
    http: { verb: 'GET', path: '/api/dead-letters' },
    auth: true,
    params: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }).strict()
  }
} as const

export type MethodName = keyof typeof methods

export interface MethodResults {
  health: Health
  wallSnapshot: WallSnapshot
  deadLetters: DeadLetter[]
}

export type ParamsOf<M extends MethodName> = z.input<(typeof methods)[M]['params']>
export type ParsedParamsOf<M extends MethodName> = z.output<(typeof methods)[M]['params']>
export type ResultOf<M extends MethodName> = MethodResults[M]

/** A request as it crosses IPC or a WebSocket; validated on arrival like any external input. */
export const RequestSchema = z.object({
  method: z.enum(Object.keys(methods) as [MethodName, ...MethodName[]]),
  params: z.unknown().optional()
})

/** Events the engine pushes to every connected console. */
export type EngineEvent =
  | {
      type: 'ingested'
      /**
       * Stream positions before and after this commit. A console that holds state at
       * prevSeq applies it; one already at lastSeq or beyond skips it; one behind prevSeq
       * missed something and takes a fresh snapshot.
       */
      prevSeq: number
      lastSeq: number
      at: string
      inserted: number
      duplicates: number
      deadLetters: number
      deltas: VolumePoint[]
      latest: MentionSummary[]
      totals: { mentions: number; deadLetters: number }
    }
  | { type: 'heartbeat'; at: string }

/** What the renderer needs from any transport (IPC in Electron, HTTP + WebSocket in a browser). */
export interface ConsoleApi {
  call<M extends MethodName>(method: M, params: ParamsOf<M>): Promise<Result<ResultOf<M>>>
  /** Every subscription returns its unsubscribe. */
  subscribe(listener: (event: EngineEvent) => void): () => void
  /** Connection state of the transport itself (a lost engine shows as 'down'). */
  onConnection(listener: (state: 'up' | 'down') => void): () => void
}

/** The WebSocket of pushed events, and how a browser presents its token there (as a
 * subprotocol, since browsers can't set headers on a WebSocket). */
export const EVENTS_PATH = '/api/events'
export const TOKEN_PROTOCOL_PREFIX = 'bearer.'

/** How often the engine says it is alive; a console that hears nothing for 3x this is stale. */
export const HEARTBEAT_MS = 1000
