// Whichever transport exists: Electron's preload (window.consoleApi) or the web host.
import type { ConsoleApi } from '../../../shared/api'
import { createWebTransport } from './web-transport'

declare global {
  interface Window {
    consoleApi?: ConsoleApi
  }
}

let api: ConsoleApi | null = null

export function consoleApi(): ConsoleApi {
  api ??= window.consoleApi ?? createWebTransport()
  return api
}
