// The console API over HTTP + WebSocket, for browsers, TVs and tests. Reconnects by itself
// with capped, jittered backoff, and says when the engine can't be reached.
import {
  EVENTS_PATH,
  methods,
  TOKEN_PROTOCOL_PREFIX,
  type ConsoleApi,
  type EngineEvent,
  type MethodName
} from '../../../shared/api'
import type { Result } from '../../../shared/result'
import { retryDelay } from './retry-delay'
import { activeToken } from './session'

export function createWebTransport(
  base: URL = new URL(window.location.href),
  token: string = activeToken()
): ConsoleApi {
  const eventListeners = new Set<(e: EngineEvent) => void>()
  const connectionListeners = new Set<(s: 'up' | 'down') => void>()
  let socket: WebSocket | null = null
  let attempt = 0
  let state: 'up' | 'down' = 'down'

  const setState = (s: 'up' | 'down') => {
    if (s === state) return
    state = s
    for (const l of connectionListeners) l(s)
  }

  function connect() {
    const url = new URL(EVENTS_PATH, base)
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
    const ws = new WebSocket(url, [`${TOKEN_PROTOCOL_PREFIX}${token}`])
    socket = ws
    ws.onopen = () => {
      attempt = 0
      setState('up')
    }
    ws.onmessage = (m) => {
      const event = JSON.parse(String(m.data)) as EngineEvent
      for (const l of eventListeners) l(event)
    }
    ws.onclose = () => {
      socket = null
      setState('down')
      if (eventListeners.size === 0 && connectionListeners.size === 0) return
      // with jitter, so a room of walls doesn't reconnect in step
      const delay = retryDelay(attempt++) * (0.75 + Math.random() * 0.5)
      setTimeout(connect, delay)
    }
  }

  const ensureConnected = () => {
    if (!socket) connect()
  }

  return {
    async call<M extends MethodName>(method: M, params: object) {
      const spec = methods[method]
      // :name path segments come from params; the rest goes in the query (GET) or JSON body
      const rest: Record<string, unknown> = { ...params }
      const path = spec.http.path.replace(/:([a-z]+)/g, (_, k: string) => {
        const v = encodeURIComponent(String(rest[k]))
        delete rest[k]
        return v
      })
      const url = new URL(path, base)
      const isGet = spec.http.verb === 'GET'
      if (isGet) for (const [k, v] of Object.entries(rest)) if (v !== undefined) url.searchParams.set(k, String(v))
      try {
        const res = await fetch(url, {
          method: spec.http.verb,
          headers: { authorization: `Bearer ${token}`, ...(isGet ? {} : { 'content-type': 'application/json' }) },
          body: isGet ? undefined : JSON.stringify(rest)
        })
        const body = await res.json()
        return (res.ok ? { ok: true, value: body } : { ok: false, error: body.error }) as Result<never>
      } catch (err) {
        return {
          ok: false,
          error: { code: 'unavailable', message: `the engine can't be reached: ${(err as Error).message}` }
        }
      }
    },
    subscribe(listener) {
      eventListeners.add(listener)
      ensureConnected()
      return () => eventListeners.delete(listener)
    },
    onConnection(listener) {
      connectionListeners.add(listener)
      ensureConnected()
      return () => connectionListeners.delete(listener)
    }
  } as ConsoleApi
}
