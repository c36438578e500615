// Wall layouts and paired wall devices. A device token is random, shown once at pairing,
// and stored only as its sha256, like a session token.
import crypto from 'node:crypto'
import {
  DEFAULT_LAYOUT,
  WALL_TOKEN_PREFIX,
  type WallDevice,
  type WallLayout,
  type WallTileId
} from '../../../shared/wall'
import type { Db } from '../store/db'

const hash = (token: string) => crypto.createHash('sha256').update(token).digest('hex')
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())

interface LayoutRow {
  id: number
  name: string
  tiles: string
  sound: number
}
const toLayout = (r: LayoutRow): WallLayout => ({
  id: r.id,
  name: r.name,
  tiles: JSON.parse(r.tiles) as WallTileId[],
  sound: r.sound === 1
})

export async function listLayouts(db: Db): Promise<WallLayout[]> {
  return [DEFAULT_LAYOUT, ...(await db.all<LayoutRow>('SELECT * FROM wall_layouts ORDER BY name')).map(toLayout)]
}

/** The layout with `id`; the default for 0. */
export async function getLayout(db: Db, id: number): Promise<WallLayout | null> {
  if (id === 0) return DEFAULT_LAYOUT
  const row = await db.get<LayoutRow>('SELECT * FROM wall_layouts WHERE id = ?', [id])
  return row ? toLayout(row) : null
}

/** Inserts, or updates `id`; returns the id. Null when `id` names no layout. */
export async function saveLayout(
  db: Db,
  l: { id?: number; name: string; tiles: WallTileId[]; sound: boolean },
  actor: string,
  nowMs: number
): Promise<number | null> {
  if (l.id === undefined) {
    return (
      await db.run('INSERT INTO wall_layouts (name, tiles, sound, updated_by, updated_ms) VALUES (?, ?, ?, ?, ?)', [
        l.name,
        JSON.stringify(l.tiles),
        l.sound ? 1 : 0,
        actor,
        nowMs
      ])
    ).lastID
  }
  const { changes } = await db.run(
    'UPDATE wall_layouts SET name = ?, tiles = ?, sound = ?, updated_by = ?, updated_ms = ? WHERE id = ?',
    [l.name, JSON.stringify(l.tiles), l.sound ? 1 : 0, actor, nowMs, l.id]
  )
  return changes ? l.id : null
}

interface DeviceRow {
  id: number
  name: string
  layout_id: number
  created_by: string
  created_ms: number
  revoked_ms: number | null
  last_seen_ms: number | null
}
const toDevice = (r: DeviceRow): WallDevice => ({
  id: r.id,
  name: r.name,
  layoutId: r.layout_id,
  createdBy: r.created_by,
  createdAt: iso(r.created_ms)!,
  revokedAt: iso(r.revoked_ms),
  lastSeenAt: iso(r.last_seen_ms)
})

export async function listDevices(db: Db): Promise<WallDevice[]> {
  return (await db.all<DeviceRow>('SELECT * FROM wall_devices ORDER BY revoked_ms IS NOT NULL, id')).map(toDevice)
}

export async function getDevice(db: Db, id: number): Promise<WallDevice | null> {
  const row = await db.get<DeviceRow>('SELECT * FROM wall_devices WHERE id = ?', [id])
  return row ? toDevice(row) : null
}

export async function pairDevice(
  db: Db,
  name: string,
  layoutId: number,
  actor: string,
  nowMs: number
): Promise<{ device: WallDevice; token: string }> {
  const token = `${WALL_TOKEN_PREFIX}${crypto.randomBytes(24).toString('base64url')}`
  const { lastID } = await db.run(
    'INSERT INTO wall_devices (name, token_hash, layout_id, created_by, created_ms) VALUES (?, ?, ?, ?, ?)',
    [name, hash(token), layoutId, actor, nowMs]
  )
  return { device: (await getDevice(db, lastID))!, token }
}

export async function revokeDevice(db: Db, id: number, nowMs: number): Promise<void> {
  await db.run('UPDATE wall_devices SET revoked_ms = coalesce(revoked_ms, ?) WHERE id = ?', [nowMs, id])
}

export async function assignLayout(db: Db, id: number, layoutId: number): Promise<void> {
  await db.run('UPDATE wall_devices SET layout_id = ? WHERE id = ?', [layoutId, id])
}

/** The device behind a token, revoked or not (the caller says which refusal applies). */
export async function deviceByToken(db: Db, token: string): Promise<DeviceRow | null> {
  return (await db.get<DeviceRow>('SELECT * FROM wall_devices WHERE token_hash = ?', [hash(token)])) ?? null
}
