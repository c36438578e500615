// Walls: the tiles a wall can show, layouts (which tiles, in which order, per wall), and
// wall devices: screens paired once with a viewer-only token that can read the wall and
// nothing else, revocable from a console.
import { z } from 'zod'
import type { Role } from './team'

export const WALL_TILES = [
  'volume',
  'totals',
  'sentiment',
  'alerts',
  'statement',
  'risingTerms',
  'topNegative',
  'channels',
  'team',
  'latest'
] as const
export type WallTileId = (typeof WALL_TILES)[number]

export const WALL_TILE_LABELS: Record<WallTileId, string> = {
  volume: 'Mentions per minute by channel',
  totals: 'Totals',
  sentiment: 'Sentiment',
  alerts: 'Spike alerts',
  statement: 'Holding statement and promise clock',
  risingTerms: 'Rising terms',
  topNegative: 'Top negative high-reach mentions',
  channels: 'Delivery status per channel',
  team: 'Team on duty',
  latest: 'Latest mentions'
}

export interface WallLayout {
  /** 0 is the built-in default, which needs no configuration */
  id: number
  name: string
  tiles: WallTileId[]
  /** a new severe alert also plays a tone until acknowledged */
  sound: boolean
}

export const DEFAULT_LAYOUT: WallLayout = { id: 0, name: 'Default', tiles: [...WALL_TILES], sound: false }

export interface WallDevice {
  id: number
  name: string
  layoutId: number
  createdBy: string
  createdAt: string
  revokedAt: string | null
  lastSeenAt: string | null
}

/** Who may pair and revoke wall screens and edit layouts. */
export const WALL_ADMIN_ROLES: readonly Role[] = ['lead', 'ops', 'admin']

/** What a wall device may call: the wall, and nothing that writes. */
/**
 * What a paired wall screen may call: the snapshot (it carries the wall's alerts), who it
 * is, and health. Not the alert list: that names who acknowledged what.
 */
export const WALL_DEVICE_METHODS = ['health', 'me', 'wallSnapshot'] as const

/** Wall device tokens carry this prefix, so they are never mistaken for a member's session. */
export const WALL_TOKEN_PREFIX = 'wall.'

const id = z.coerce.number().int().positive()
const tiles = z
  .array(z.enum(WALL_TILES))
  .min(1)
  .max(WALL_TILES.length)
  .refine((t) => new Set(t).size === t.length, 'each tile once')

export const WallParams = {
  saveLayout: z
    .object({ id: id.optional(), name: z.string().trim().min(1).max(80), tiles, sound: z.boolean().default(false) })
    .strict(),
  pair: z
    .object({ name: z.string().trim().min(1).max(80), layout: z.coerce.number().int().min(0).default(0) })
    .strict(),
  device: z.object({ id }).strict(),
  assign: z.object({ id, layout: z.coerce.number().int().min(0) }).strict()
}

/** A term rising on the wall (analyze/wall-signals.ts). */
export interface RisingTermEntry {
  /** in its most frequent written form */
  term: string
  /** texts carrying it in the last 10 minutes */
  count: number
  /** texts expected to carry it, from its share in the hour before */
  baseline: number
  /** the languages of the texts that carry it, most frequent first */
  langs: string[]
}
