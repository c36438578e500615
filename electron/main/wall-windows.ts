// Wall windows on the desktop: kiosk windows on the chosen displays, each with its layout,
// while the console stays on the laptop. Choices are remembered per display setup, and
// when a display is plugged in or pulled out the walls are placed again.
import { BrowserWindow, screen } from 'electron'
import { createSecureWindow } from './window-factory'
import {
  displaySetupKey,
  loadPlacements,
  placeWalls,
  rememberPlacements,
  type DisplayInfo,
  type WallPlacement
} from './wall-placement'

export class WallWindows {
  private readonly open = new Map<BrowserWindow, WallPlacement>()

  constructor(private readonly o: { preload: string; rendererUrl: string; placementFile: string }) {}

  private displays(): DisplayInfo[] {
    return screen.getAllDisplays().map((d) => ({ id: d.id, bounds: d.bounds }))
  }

  /** Shows the walls remembered for this setup (or one default wall), and follows display changes. */
  start(): void {
    this.placeAll()
    const again = () => this.placeAll()
    screen.on('display-added', again)
    screen.on('display-removed', again)
  }

  /** Puts a wall with `layout` on `displayId` (kiosk), and remembers it for this setup. */
  show(displayId: number, layout: number): void {
    const existing = [...this.open].find(([, p]) => p.displayId === displayId)
    if (existing) {
      existing[0].destroy()
      this.open.delete(existing[0])
    }
    this.openOn({ displayId, layout })
    this.remember()
  }

  placements(): WallPlacement[] {
    return [...this.open.values()]
  }

  private placeAll(): void {
    const displays = this.displays()
    const key = displaySetupKey(displays)
    const walls = placeWalls(displays, screen.getPrimaryDisplay().id, loadPlacements(this.o.placementFile)[key])
    for (const [win] of this.open) win.destroy()
    this.open.clear()
    for (const w of walls) this.openOn(w)
  }

  private openOn(w: WallPlacement): void {
    const display = this.displays().find((d) => d.id === w.displayId)
    if (!display) return
    // kiosk on another display; on the console's own display a window, so the console stays usable
    const kiosk = display.id !== screen.getPrimaryDisplay().id
    const win = createSecureWindow({
      preload: this.o.preload,
      url: `${this.o.rendererUrl}#/wall${w.layout ? `?layout=${w.layout}` : ''}`,
      title: 'Crisis Console wall',
      bounds: kiosk
        ? display.bounds
        : {
            ...display.bounds,
            width: Math.round(display.bounds.width / 2),
            height: Math.round(display.bounds.height / 2)
          },
      kiosk
    })
    this.open.set(win, w)
    win.on('closed', () => {
      this.open.delete(win)
      this.remember()
    })
  }

  private remember(): void {
    rememberPlacements(this.o.placementFile, displaySetupKey(this.displays()), this.placements())
  }
}
