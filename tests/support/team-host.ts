// A console with a team, reached over real HTTP and WebSocket like any teammate's browser.
import WebSocket from 'ws'
import type { EngineEvent } from '../../shared/api'
import type { Role } from '../../shared/team'
import { silentLogger } from '../../electron/core/logger'
import type { EngineOptions } from '../../electron/core/engine'
import { startWebHost, type WebHost, type WebHostOptions } from '../../electron/host/web-host'
import { startTestEngine } from './test-engine'
import { makeTempDir } from './temp-dir'

export const LOCAL_TOKEN = 'local-operator-token-for-tests-0123456789'
export const PASSWORD = 'correct horse battery staple'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whatever JSON the API answers
type AnyJson = any

export interface Member {
  name: string
  token: string
  /** calls the API as this member; returns status and parsed JSON */
  call(
    verb: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>
  ): Promise<{ status: number; body: AnyJson }>
  /** this member's event stream */
  listen(): Promise<Listener>
}

export interface Listener {
  next(match: (e: EngineEvent) => boolean): Promise<EngineEvent>
  /** resolves with the close code and reason when the host closes this console's socket */
  closed: Promise<[number, string]>
  isOpen(): boolean
  close(): void
}

export async function startTeamHost(
  engineOverrides: Partial<EngineOptions> = {},
  hostOverrides: Partial<WebHostOptions> = {}
) {
  const engine = await startTestEngine(engineOverrides)
  const staticDir = makeTempDir('static')
  const web: WebHost = await startWebHost({
    engine,
    host: '127.0.0.1',
    port: 0,
    staticDir: staticDir.dir,
    localToken: LOCAL_TOKEN,
    logger: silentLogger,
    ...hostOverrides
  })

  const request = async (
    verb: string,
    path: string,
    token: string | undefined,
    body?: unknown,
    headers: Record<string, string> = {}
  ) => {
    const res = await fetch(`${web.url}${path}`, {
      method: verb,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers
      },
      body:
        body === undefined
          ? undefined
          : typeof body === 'string'
            ? body
            : body instanceof Uint8Array
              ? new Blob([new Uint8Array(body)])
              : JSON.stringify(body)
    })
    return { status: res.status, body: await res.json() }
  }

  const listen = async (token: string): Promise<Listener> => {
    const ws = new WebSocket(`${web.url.replace('http', 'ws')}/api/events`, [`bearer.${token}`])
    const seen: EngineEvent[] = []
    const waiting: { match: (e: EngineEvent) => boolean; resolve: (e: EngineEvent) => void }[] = []
    ws.on('message', (d) => {
      const e = JSON.parse(String(d)) as EngineEvent
      seen.push(e)
      for (const w of [...waiting]) {
        if (!w.match(e)) continue
        waiting.splice(waiting.indexOf(w), 1)
        w.resolve(e)
      }
    })
    const closed = new Promise<[number, string]>((resolve) =>
      ws.once('close', (code, why) => resolve([code, String(why)]))
    )
    await new Promise(
      (resolve, reject) => (
        ws.once('open', resolve),
        ws.once('unexpected-response', (_q, r) => reject(new Error(`ws ${r.statusCode}`)))
      )
    )
    return {
      closed,
      isOpen: () => ws.readyState === WebSocket.OPEN,
      next: (match) => {
        const found = seen.find(match)
        if (found) return (seen.splice(seen.indexOf(found), 1), Promise.resolve(found))
        return new Promise((resolve) => waiting.push({ match, resolve }))
      },
      close: () => ws.close()
    }
  }

  const member = (name: string, token: string): Member => ({
    name,
    token,
    call: (verb, path, body, headers) => request(verb, path, token, body, headers),
    listen: () => listen(token)
  })

  return {
    engine,
    web,
    request,
    listen,
    local: member('local operator', LOCAL_TOKEN),
    /** creates a member with these roles and signs them in */
    async join(name: string, roles: Role[]): Promise<Member> {
      await engine.accounts.createUser(name, PASSWORD, roles, 'test setup')
      const res = await request('POST', '/api/session', undefined, { user: name, password: PASSWORD })
      if (res.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(res.body)}`)
      return member(name, res.body.token)
    },
    async dispose() {
      await web.close()
      await engine.dispose()
      staticDir.remove()
    }
  }
}
