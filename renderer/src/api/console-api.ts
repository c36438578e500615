// Whichever transport exists: Electron's preload (window.consoleApi) or the web host.
import type { ConsoleApi } from '../../../shared/api'
import type { ConsoleHub } from '../../../shared/ipc'
import { createWebTransport } from './web-transport'
import { inConsoleTime } from './errors-in-words'

declare global {
  interface Window {
    consoleApi?: ConsoleApi
    /** desktop app only: switch to a hub */
    consoleHub?: ConsoleHub
  }
}

let api: ConsoleApi | null = null

export function consoleApi(): ConsoleApi {
  api ??= readable(window.consoleApi ?? createWebTransport())
  return api
}

/** The same API, with refusals' times in the console's zone (see errors-in-words). */
function readable(inner: ConsoleApi): ConsoleApi {
  return {
    subscribe: (listener) => inner.subscribe(listener),
    onConnection: (listener) => inner.onConnection(listener),
    call: (async (method: Parameters<ConsoleApi['call']>[0], params: Parameters<ConsoleApi['call']>[1]) => {
      const r = await inner.call(method, params)
      return r.ok ? r : { ok: false, error: { ...r.error, message: inConsoleTime(r.error.message) } }
    }) as ConsoleApi['call']
  }
}
