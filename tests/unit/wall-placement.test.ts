import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  displaySetupKey,
  loadPlacements,
  placeWalls,
  rememberPlacements,
  wallPlacementFile
} from '../../electron/main/wall-placement'
import { makeTempDir } from '../support/temp-dir'

const laptop = { id: 1, bounds: { x: 0, y: 0, width: 1440, height: 900 } }
const tv = { id: 7, bounds: { x: 1440, y: 0, width: 3840, height: 2160 } }
const projector = { id: 9, bounds: { x: 5280, y: 0, width: 1920, height: 1080 } }

let dirs: ReturnType<typeof makeTempDir>[] = []
afterEach(() => {
  for (const d of dirs) d.remove()
  dirs = []
})

describe('wall placement on the desktop', () => {
  it('keys a display setup by its displays, whatever order they are listed in', () => {
    expect(displaySetupKey([tv, laptop])).toBe(displaySetupKey([laptop, tv]))
    expect(displaySetupKey([laptop, tv])).not.toBe(displaySetupKey([laptop, projector]))
  })

  it('puts the wall on a display other than the console, remembers the choice per setup, and re-places when a display goes', () => {
    expect(placeWalls([laptop, tv], laptop.id, undefined)).toEqual([{ displayId: tv.id, layout: 0 }])
    expect(placeWalls([laptop], laptop.id, undefined)).toEqual([])
    const d = makeTempDir('placement')
    dirs.push(d)
    const file = wallPlacementFile(d.dir)
    const setup = displaySetupKey([laptop, tv, projector])
    rememberPlacements(file, setup, [
      { displayId: projector.id, layout: 2 },
      { displayId: tv.id, layout: 0 }
    ])
    expect((fs.statSync(file).mode & 0o777).toString(8)).toBe('600')
    expect(placeWalls([laptop, tv, projector], laptop.id, loadPlacements(file)[setup])).toEqual([
      { displayId: projector.id, layout: 2 },
      { displayId: tv.id, layout: 0 }
    ])
    // the projector unplugged: what is left of the remembered walls stays
    expect(placeWalls([laptop, tv], laptop.id, loadPlacements(file)[setup])).toEqual([{ displayId: tv.id, layout: 0 }])
  })

  it('a damaged settings file is ignored, not fatal', () => {
    const d = makeTempDir('placement')
    dirs.push(d)
    const file = path.join(d.dir, 'wall-placement.json')
    fs.writeFileSync(file, '{not json')
    expect(loadPlacements(file)).toEqual({})
    fs.writeFileSync(
      file,
      JSON.stringify({
        a: [
          { displayId: 'x', layout: 1 },
          { displayId: 3, layout: -1 },
          { displayId: 4, layout: 1 }
        ]
      })
    )
    expect(loadPlacements(file)).toEqual({ a: [{ displayId: 4, layout: 1 }] })
  })
})
