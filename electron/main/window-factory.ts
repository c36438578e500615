// The one secure window factory (DESIGN 5). Adding a feature never touches webPreferences.
import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron'

export interface WindowSpec {
  /** the preload exposing the local engine; none for a hub's remote page */
  preload?: string
  /** the page: file URL of the built renderer, with `#/wall` for the wall */
  url: string
  title: string
  bounds?: Pick<BrowserWindowConstructorOptions, 'width' | 'height' | 'x' | 'y'>
  kiosk?: boolean
  /** never shown: a page loaded only to print it */
  hidden?: boolean
}

export function createSecureWindow(spec: WindowSpec): BrowserWindow {
  const win = new BrowserWindow({
    ...spec.bounds,
    title: spec.title,
    kiosk: spec.kiosk ?? false,
    backgroundColor: '#0b0f14',
    show: false,
    // Spelled out here, not built by a helper, so Electronegativity's static audit can see it.
    webPreferences: {
      preload: spec.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // middle-click would otherwise open links in new windows
      disableBlinkFeatures: 'Auxclick'
    }
  })
  const home = new URL(spec.url)
  // No navigation away from our own page, and no new windows: a link in a hostile
  // mention must never turn the console into a browser.
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }))
  win.webContents.on('will-navigate', (event, target) => {
    if (!isSameApp(home, new URL(target))) event.preventDefault()
  })
  win.webContents.on('will-attach-webview', (event) => event.preventDefault())
  if (!spec.hidden) win.once('ready-to-show', () => win.show())
  void win.loadURL(spec.url)
  return win
}

/** Our own page: the same file for the local app, the same origin for a hub. */
export function isSameApp(home: URL, to: URL): boolean {
  if (home.protocol === 'file:') return to.protocol === 'file:' && to.pathname === home.pathname
  return to.origin === home.origin
}
