// Whichever transport exists: Electron's preload (window.consoleApi) or the web host.
import type { ConsoleApi } from '../../../shared/api'
import type { ConsoleHub } from '../../../shared/ipc'
import { createWebTransport } from './web-transport'

declare global {
  interface Window {
    consoleApi?: ConsoleApi
    /** desktop app only: switch to a hub */
    consoleHub?: ConsoleHub
  }
}

let api: ConsoleApi | null = null

export function consoleApi(): ConsoleApi {
  api ??= window.consoleApi ?? createWebTransport()
  return api
}
