// Where the wall goes on the desktop: which display each wall window takes, remembered per
// display setup (the set of connected displays), so the war room's TV gets the wall again
// after a restart, and a laptop alone keeps its console. Plain Node: tested without Electron.
import fs from 'node:fs'
import path from 'node:path'

export interface DisplayInfo {
  id: number
  bounds: { x: number; y: number; width: number; height: number }
}

/** One wall window: the display it is on and the layout it shows (0: the default). */
export interface WallPlacement {
  displayId: number
  layout: number
}

/** The same displays, whatever order the OS lists them in, give the same key. */
export function displaySetupKey(displays: readonly DisplayInfo[]): string {
  return [...displays]
    .sort((a, b) => a.id - b.id)
    .map((d) => `${d.id}:${d.bounds.width}x${d.bounds.height}`)
    .join('|')
}

/**
 * The walls for this setup: what was remembered for it (dropping displays that are gone),
 * else one default wall on the first display that isn't the console's (the primary). A
 * laptop alone gets no wall window of its own: its console has a Wall tab.
 */
export function placeWalls(
  displays: readonly DisplayInfo[],
  primaryId: number,
  remembered: readonly WallPlacement[] | undefined
): WallPlacement[] {
  const present = new Set(displays.map((d) => d.id))
  const kept = (remembered ?? []).filter((w) => present.has(w.displayId))
  if (kept.length) return kept
  const other = displays.find((d) => d.id !== primaryId)
  return other ? [{ displayId: other.id, layout: 0 }] : []
}

type Remembered = Record<string, WallPlacement[]>

export function wallPlacementFile(userData: string): string {
  return path.join(userData, 'wall-placement.json')
}

export function loadPlacements(file: string): Remembered {
  try {
    const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown
    if (!raw || typeof raw !== 'object') return {}
    const out: Remembered = {}
    for (const [key, walls] of Object.entries(raw as Record<string, unknown>)) {
      if (!Array.isArray(walls)) continue
      out[key] = walls.filter(
        (w): w is WallPlacement =>
          Number.isSafeInteger(w?.displayId) && Number.isSafeInteger(w?.layout) && w.layout >= 0
      )
    }
    return out
  } catch {
    return {}
  }
}

export function rememberPlacements(file: string, setupKey: string, walls: readonly WallPlacement[]): void {
  const all = loadPlacements(file)
  all[setupKey] = [...walls]
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, JSON.stringify(all), { mode: 0o600 })
}
