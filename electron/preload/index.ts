// The preload turns the shared contract into window.consoleApi, and nothing else: no
// generic ipcRenderer, no Node. Sandboxed, so it may import only 'electron'.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type { ConsoleApi, EngineEvent } from '../../shared/api'
import { IpcChannels, type ConsoleHub } from '../../shared/ipc'

function listen<T>(channel: string, listener: (payload: T) => void): () => void {
  const handler = (_e: IpcRendererEvent, payload: T) => listener(payload)
  ipcRenderer.on(channel, handler)
  return () => {
    ipcRenderer.removeListener(channel, handler)
  }
}

export const consoleApi: ConsoleApi = {
  call: (method, params) => ipcRenderer.invoke(IpcChannels.call, { method, params }),
  subscribe: (listener) => listen<EngineEvent>(IpcChannels.event, listener),
  onConnection: (listener) => listen<'up' | 'down'>(IpcChannels.connection, listener)
}

export const consoleHub: ConsoleHub = {
  connect: (url) => ipcRenderer.invoke(IpcChannels.hubConnect, url)
}

contextBridge.exposeInMainWorld('consoleApi', consoleApi)
contextBridge.exposeInMainWorld('consoleHub', consoleHub)
