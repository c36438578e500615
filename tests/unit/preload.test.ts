// The preload exposes exactly the typed contract, forwarding to named IPC channels.
import { describe, expect, it, vi } from 'vitest'
import { IpcChannels } from '../../shared/ipc'

const exposed: Record<string, unknown> = {}
const listeners = new Map<string, Set<(...a: unknown[]) => void>>()
const invoke = vi.fn(async () => ({ ok: true, value: 'pong' }))

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
  ipcRenderer: {
    invoke,
    on: (ch: string, h: (...a: unknown[]) => void) => {
      if (!listeners.has(ch)) listeners.set(ch, new Set())
      listeners.get(ch)!.add(h)
    },
    removeListener: (ch: string, h: (...a: unknown[]) => void) => listeners.get(ch)?.delete(h)
  }
}))

await import('../../electron/preload/index')

describe('preload', () => {
  it('exposes only window.consoleApi (call, subscribe, onConnection) and window.consoleHub (connect)', () => {
    expect(Object.keys(exposed)).toEqual(['consoleApi', 'consoleHub'])
    expect(Object.keys(exposed.consoleApi as object).sort()).toEqual(['call', 'onConnection', 'subscribe'])
    expect(Object.keys(exposed.consoleHub as object)).toEqual(['connect'])
  })

  it('forwards a hub address on its own channel', async () => {
    const hub = exposed.consoleHub as { connect: (u: string) => Promise<unknown> }
    await hub.connect('https://warroom.example')
    expect(invoke).toHaveBeenCalledWith(IpcChannels.hubConnect, 'https://warroom.example')
  })

  it('forwards calls as { method, params } on the call channel', async () => {
    const api = exposed.consoleApi as { call: (m: string, p: unknown) => Promise<unknown> }
    await expect(api.call('health', {})).resolves.toEqual({ ok: true, value: 'pong' })
    expect(invoke).toHaveBeenCalledWith(IpcChannels.call, { method: 'health', params: {} })
  })

  it('delivers events without the IPC event object, and unsubscribes', () => {
    const api = exposed.consoleApi as { subscribe: (l: (e: unknown) => void) => () => void }
    const got: unknown[] = []
    const off = api.subscribe((e) => got.push(e))
    for (const h of listeners.get(IpcChannels.event)!) h({ sender: 'ipc internals' }, { type: 'heartbeat', at: 'now' })
    expect(got).toEqual([{ type: 'heartbeat', at: 'now' }])
    off()
    expect(listeners.get(IpcChannels.event)!.size).toBe(0)
  })
})
