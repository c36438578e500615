// The window factory can't open a real window here (no Electron binary), so check what it
// asks Electron for and what it does with navigation, with 'electron' mocked.
import { beforeEach, describe, expect, it, vi } from 'vitest'

const created: {
  options: Record<string, unknown>
  handlers: Record<string, (...a: unknown[]) => unknown>
  openHandler?: () => unknown
  loaded?: string
}[] = []

vi.mock('electron', () => {
  class BrowserWindow {
    webContents: unknown
    constructor(options: Record<string, unknown>) {
      const record: (typeof created)[number] = { options, handlers: {} }
      created.push(record)
      this.webContents = {
        setWindowOpenHandler: (h: () => unknown) => (record.openHandler = h),
        on: (event: string, h: (...a: unknown[]) => unknown) => (record.handlers[event] = h)
      }
      Object.assign(this, {
        loadURL: (u: string) => ((record.loaded = u), Promise.resolve()),
        once: () => undefined,
        show: () => undefined
      })
    }
  }
  return { BrowserWindow }
})

const { createSecureWindow, isSameApp } = await import('../../electron/main/window-factory')

const URL_HOME = 'file:///app/out/renderer/index.html'

describe('createSecureWindow', () => {
  beforeEach(() => {
    created.length = 0
  })

  it('isolates and sandboxes the renderer, with no Node anywhere in it', () => {
    createSecureWindow({ preload: '/app/out/preload/index.cjs', url: URL_HOME, title: 'Crisis Console' })
    const prefs = created[0].options.webPreferences as Record<string, unknown>
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false
    })
    expect(created[0].loaded).toBe(URL_HOME)
  })

  it('lets a hub window move within the hub, and nowhere else; a hub page gets no preload', () => {
    createSecureWindow({ url: 'https://warroom.example:4820/', title: 'hub' })
    expect((created[0].options.webPreferences as Record<string, unknown>).preload).toBeUndefined()
    const home = new URL('https://warroom.example:4820/')
    expect(isSameApp(home, new URL('https://warroom.example:4820/wall'))).toBe(true)
    expect(isSameApp(home, new URL('http://warroom.example:4820/'))).toBe(false)
    expect(isSameApp(home, new URL('https://evil.example/'))).toBe(false)
  })

  it('denies window.open', () => {
    createSecureWindow({ preload: 'p', url: URL_HOME, title: 't' })
    expect(created[0].openHandler?.()).toEqual({ action: 'deny' })
  })

  it('blocks navigation to anything but its own page, and webviews', () => {
    createSecureWindow({ preload: 'p', url: URL_HOME, title: 't' })
    const navigate = (target: string) => {
      const event = { preventDefault: vi.fn() }
      created[0].handlers['will-navigate'](event, target)
      return event.preventDefault.mock.calls.length > 0
    }
    expect(navigate('https://evil.example/')).toBe(true)
    expect(navigate('file:///etc/passwd')).toBe(true)
    expect(navigate(`${URL_HOME}#/wall`)).toBe(false)
    const webview = { preventDefault: vi.fn() }
    created[0].handlers['will-attach-webview'](webview)
    expect(webview.preventDefault).toHaveBeenCalled()
  })
})
