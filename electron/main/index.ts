// Electron main: lifecycle, the engine off the UI thread, the console window and IPC.
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { app, BrowserWindow, dialog, ipcMain, Menu, screen, session } from 'electron'
import { IpcChannels } from '../../shared/ipc'
import { startEngineBridge } from './engine-bridge'
import { createSecureWindow } from './window-factory'
import { hubFile, loadHub, parseHubUrl, saveHub } from './hub-settings'
import { WallWindows } from './wall-windows'
import { wallPlacementFile } from './wall-placement'

const here = path.dirname(fileURLToPath(import.meta.url))
const preload = path.join(here, '../preload/index.cjs')
const rendererUrl = pathToFileURL(path.join(here, '../renderer/index.html')).href

app.enableSandbox()

app.whenReady().then(async () => {
  const file = hubFile(app.getPath('userData'))
  const hub = loadHub(file)
  // Deny every permission (camera, geolocation...) but notifications, and those only to the
  // console itself, local or the hub's: a spike or a failed delivery reaches a member
  // working in another window, if they turn it on.
  const isConsole = (url: string) => url.startsWith(rendererUrl) || (hub !== null && url.startsWith(`${hub}/`))
  session.defaultSession.setPermissionRequestHandler((wc, perm, callback) =>
    callback(perm === 'notifications' && isConsole(wc.getURL()))
  )
  session.defaultSession.setPermissionCheckHandler(
    (wc, perm) => perm === 'notifications' && wc !== null && isConsole(wc.getURL())
  )

  // Connected to a hub: show its console (sign-in on the hub), no local engine, and no
  // preload, so the remote page never reaches this machine's IPC.
  if (hub) {
    Menu.setApplicationMenu(
      Menu.buildFromTemplate([
        {
          label: 'Crisis Console',
          submenu: [{ label: 'Back to the local console', click: () => switchTo(null) }, { role: 'quit' }]
        },
        { role: 'editMenu' },
        { role: 'viewMenu' }
      ])
    )
    createSecureWindow({ url: `${hub}/`, title: `Crisis Console — hub ${hub}`, bounds: { width: 1440, height: 900 } })
    return
  }
  function switchTo(url: string | null) {
    saveHub(file, url)
    app.relaunch()
    app.exit(0)
  }
  ipcMain.handle(IpcChannels.hubConnect, (event, raw: unknown) => {
    if (!event.senderFrame || !event.senderFrame.url.startsWith(rendererUrl))
      return { ok: false, error: { code: 'forbidden', message: 'unknown sender' } }
    const parsed = parseHubUrl(raw)
    if (!parsed.ok) return parsed
    switchTo(parsed.value)
    return { ok: true, value: null }
  })

  const engine = startEngineBridge(path.join(here, 'engine-process.js'), {
    CRISIS_DATA_DIR: process.env.CRISIS_DATA_DIR ?? app.getPath('userData'),
    CRISIS_DEMO: process.env.CRISIS_DEMO ?? 'ash-cloud'
  })
  ipcMain.handle(IpcChannels.call, (event, request: unknown) => {
    // Only our own page may call the engine.
    if (!event.senderFrame || !event.senderFrame.url.startsWith(rendererUrl))
      return { ok: false, error: { code: 'forbidden', message: 'unknown sender' } }
    return engine.call(request)
  })
  const broadcast = (channel: string, payload: unknown) => {
    for (const w of BrowserWindow.getAllWindows()) w.webContents.send(channel, payload)
  }
  engine.onEvent((e) => broadcast(IpcChannels.event, e))
  engine.onExit(() => broadcast(IpcChannels.connection, 'down'))

  try {
    await engine.ready
  } catch (err) {
    // e.g. port 4820 or 1883 taken by another console: say so rather than show nothing
    dialog.showErrorBox('Crisis Console could not start its engine', (err as Error).message)
    app.quit()
    return
  }
  createSecureWindow({ preload, url: rendererUrl, title: 'Crisis Console', bounds: { width: 1440, height: 900 } })
  // the wall on the displays chosen for this setup (remembered), kiosk on any other than the console's
  const walls = new WallWindows({ preload, rendererUrl, placementFile: wallPlacementFile(app.getPath('userData')) })
  walls.start()
  const wallMenu = async () => {
    const layouts = (await engine.call({ method: 'listWallLayouts', params: {} })) as {
      ok: boolean
      value?: { id: number; name: string }[]
    }
    const choices = layouts.ok && layouts.value ? layouts.value : [{ id: 0, name: 'Default' }]
    Menu.setApplicationMenu(
      Menu.buildFromTemplate([
        { label: 'Crisis Console', submenu: [{ role: 'quit' }] },
        { role: 'editMenu' },
        { role: 'viewMenu' },
        {
          label: 'Wall',
          submenu: screen.getAllDisplays().map((d, i) => ({
            label: `Display ${i + 1} (${d.bounds.width}x${d.bounds.height})${d.id === screen.getPrimaryDisplay().id ? ', this console' : ''}`,
            submenu: choices.map((l) => ({
              label: `Wall with layout "${l.name}"`,
              click: () => walls.show(d.id, l.id)
            }))
          }))
        }
      ])
    )
  }
  void wallMenu()
  screen.on('display-added', () => void wallMenu())
  screen.on('display-removed', () => void wallMenu())
  engine.onEvent((e) => (e as { type?: string }).type === 'wallLayout' && void wallMenu())
  app.on('before-quit', () => engine.stop())
})

app.on('window-all-closed', () => app.quit())
