// The web host: the built renderer and the same API as the Electron preload, over HTTP
// JSON and a WebSocket of pushed events. It is how walls on TVs, teammates in a browser
// and our Playwright tests reach the engine.
import fs from 'node:fs'
import http from 'node:http'
import https from 'node:https'
import path from 'node:path'
import { WebSocketServer, type WebSocket } from 'ws'
import { EVENTS_PATH, methods, TOKEN_PROTOCOL_PREFIX, type EngineEvent, type MethodName } from '../../shared/api'
import { fail, httpStatus, type Result } from '../../shared/result'
import type { AccountChange, Actor } from '../../shared/team'
import type { Engine } from '../core/engine'
import type { Logger } from '../core/logger'
import type { PublicStatusEntry } from '../../shared/broadcast'
import { renderStatusFeed, renderStatusPage, STATUS_PAGE_HEADERS } from './status-page'
import { ApiFailure } from '../core/api/api-failure'
import { LOCAL_OPERATOR } from '../core/team/accounts'
import { RateLimiter } from './rate-limiter'
import { nestingProblem } from '../../shared/json-depth'

/** Largest JSON body the API takes (64 KiB); a larger one is refused with 413. */
export const MAX_BODY_BYTES = 64 * 1024

/** A console that can't keep up gets disconnected rather than buffering without end. */
const MAX_WS_BUFFER_BYTES = 4 * 1024 * 1024

export interface WebHostOptions {
  engine: Engine
  host: string
  /** 0 picks a free port */
  port: number
  /** the built renderer (out/renderer); when missing, / explains how to build it */
  staticDir: string
  /**
   * Local mode (loopback only): the local operator's token, handed to pages served from
   * this host and to nobody else: cross-origin pages can't read our HTML, and the Host
   * check stops DNS rebinding. null in LAN mode, where everyone signs in.
   */
  localToken: string | null
  /** serve HTTPS with this certificate and key (PEM) */
  tls?: { cert: Buffer; key: Buffer }
  /** sign-in attempts per client address per minute; default 10 */
  loginsPerMinute?: number
  logger: Logger
}

export interface WebHost {
  url: string
  port: number
  close(): Promise<void>
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2'
}

const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer'
}

const SPA_ROUTES = new Set(['/', '/wall', '/index.html'])

interface Route {
  name: MethodName
  verb: string
  pattern: RegExp
  keys: string[]
}

/** '/api/queue/:seq/claim' -> a regex with one group per :param */
function compileRoutes(): Route[] {
  return (Object.entries(methods) as [MethodName, (typeof methods)[MethodName]][]).map(([name, m]) => {
    const keys: string[] = []
    const source = m.http.path.replace(/:([a-z]+)/g, (_, k: string) => (keys.push(k), '([^/]+)'))
    return { name, verb: m.http.verb, pattern: new RegExp(`^${source}$`), keys }
  })
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { engine, logger } = options
  let actualPort = options.port
  const routes = compileRoutes()
  const lan = options.localToken === null
  const scheme = options.tls ? 'https' : 'http'
  const loginLimiter = new RateLimiter(options.loginsPerMinute ?? 10, 60_000)

  // In local mode only requests naming this host are served (DNS rebinding). In LAN mode
  // the machine has names we can't know, and nothing is served without a signed-in session.
  const hostAllowed = (host: string | undefined) =>
    lan ||
    new Set([
      `${options.host}:${actualPort}`,
      `localhost:${actualPort}`,
      `127.0.0.1:${actualPort}`,
      `[::1]:${actualPort}`
    ]).has(host ?? '')
  /** Browsers send Origin on cross-site requests: only our own pages may write or listen. */
  const originAllowed = (origin: string | undefined, host: string | undefined) =>
    origin === undefined || origin === `${scheme}://${host}`

  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    handle(req, res).catch((err: Error) => {
      logger.error(`http ${req.method} ${req.url}: ${err.stack ?? err.message}`)
      if (!res.headersSent) sendResult(res, fail('internal', 'internal error'))
      else res.destroy()
    })
  }
  const server = options.tls
    ? https.createServer({ cert: options.tls.cert, key: options.tls.key }, handler)
    : http.createServer(handler)

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    if (!hostAllowed(req.headers.host)) {
      return sendResult(res, fail('forbidden', `unexpected Host header "${req.headers.host ?? ''}"`))
    }
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`)
    // a bad %-escape is the caller's mistake: 400, before any route or session, and no log line
    if (!decodesCleanly(url.pathname))
      return sendResult(res, fail('bad_request', `the path ${url.pathname.slice(0, 200)} has a malformed %-escape`))
    if (url.pathname.startsWith('/api/')) return handleApi(req, res, url)
    if ((url.pathname === '/status' || url.pathname === '/status/feed.xml') && req.method === 'GET')
      return serveStatus(res, url, req.headers.host ?? '', req.headers['accept-language'])
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendResult(res, fail('not_found', `${req.method} ${url.pathname} is not a route`))
    }
    return serveStatic(res, url.pathname)
  }

  /** Who is calling: the local operator (local mode), a signed-in member, or nobody. */
  async function actorFor(token: string | undefined): Promise<Actor | null> {
    if (!token) return null
    if (options.localToken !== null && token === options.localToken) return LOCAL_OPERATOR
    return engine.accounts.authenticate(token)
  }

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    let match: { route: Route; values: RegExpExecArray } | undefined
    for (const route of routes) {
      const values = route.pattern.exec(url.pathname)
      if (values && route.verb === req.method) match = { route, values }
    }
    if (!match) {
      const other = routes.find((r) => r.pattern.test(url.pathname))
      return sendResult(
        res,
        fail('not_found', other ? `${url.pathname} does not take ${req.method}` : `no API route ${url.pathname}`)
      )
    }
    const { route, values } = match
    if (req.method !== 'GET' && !originAllowed(req.headers.origin, req.headers.host)) {
      return sendResult(res, fail('forbidden', `requests from ${req.headers.origin} are not allowed`))
    }
    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1]
    let actor: Actor | null
    try {
      actor = await actorFor(token)
    } catch (err) {
      if (err instanceof ApiFailure) return sendResult(res, fail(err.code, err.message))
      throw err
    }
    if (route.name === 'login' && !loginLimiter.take(req.socket.remoteAddress ?? '?')) {
      return sendResult(res, fail('rate_limited', 'too many sign-in attempts from this address; wait a minute'))
    }
    const body: Result<unknown> =
      req.method === 'GET'
        ? { ok: true, value: {} }
        : route.name === 'ingestMentions'
          ? await readIngestBody(req)
          : await readJsonBody(req)
    if (!body.ok) return sendResult(res, body)
    const params: Record<string, unknown> = { ...Object.fromEntries(url.searchParams), ...(body.value as object) }
    route.keys.forEach((k, i) => (params[k] = decodeURIComponent(values[i + 1])))
    sendResult(res, await engine.dispatch(route.name, params, { actor, token }))
  }

  /** The public status page and feed: no session, only what was published there. */
  async function serveStatus(res: http.ServerResponse, url: URL, host: string, acceptLanguage: string | undefined) {
    const r = await engine.dispatch('publicStatus', { limit: 50 }, { actor: null })
    if (!r.ok) return sendResult(res, r)
    const entries = r.value as PublicStatusEntry[]
    const feed = url.pathname.endsWith('.xml')
    const asked = url.searchParams.get('lang')
    const lang = asked && /^[a-z]{2,3}(-[A-Z]{2})?$/.test(asked) ? asked : null
    // the page depends on the visitor's languages: caches must keep one copy per language
    res.writeHead(200, {
      'content-type': feed ? 'application/atom+xml; charset=utf-8' : 'text/html; charset=utf-8',
      vary: 'Accept-Language',
      ...STATUS_PAGE_HEADERS
    })
    res.end(
      feed ? renderStatusFeed(entries, `${scheme}://${host}`, lang) : renderStatusPage(entries, lang, acceptLanguage)
    )
  }

  function serveStatic(res: http.ServerResponse, pathname: string) {
    const root = path.resolve(options.staticDir)
    const file = SPA_ROUTES.has(pathname)
      ? path.join(root, 'index.html')
      : path.resolve(root, `.${decodeURIComponent(pathname)}`)
    if (!file.startsWith(root + path.sep)) return sendResult(res, fail('not_found', 'not found'))
    let body: Buffer
    try {
      body = fs.readFileSync(file)
    } catch {
      if (SPA_ROUTES.has(pathname)) {
        res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS })
        return res.end('The console UI is not built yet: run `npm run build` (npm start does it for you).\n')
      }
      return sendResult(res, fail('not_found', `${pathname} not found`))
    }
    if (file.endsWith('index.html')) {
      body = Buffer.from(body.toString('utf8').replace('__CRISIS_CONSOLE_TOKEN__', options.localToken ?? ''))
    }
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': file.endsWith('index.html') ? 'no-store' : 'public, max-age=31536000, immutable',
      ...SECURITY_HEADERS
    })
    res.end(body)
  }

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 64 * 1024,
    handleProtocols: (protocols) => [...protocols].find((p) => p.startsWith(TOKEN_PROTOCOL_PREFIX)) ?? false
  })
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://x')
    const offered = String(req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((s) => s.trim())
    const reject = (status: number, why: string) => {
      socket.end(`HTTP/1.1 ${status} ${why}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`)
    }
    if (url.pathname !== EVENTS_PATH) return reject(404, 'Not Found')
    if (!hostAllowed(req.headers.host)) return reject(403, 'Forbidden')
    // Browsers always send Origin: only pages served by this host may listen in.
    if (!originAllowed(req.headers.origin, req.headers.host)) return reject(403, 'Forbidden')
    const token = offered.find((p) => p.startsWith(TOKEN_PROTOCOL_PREFIX))?.slice(TOKEN_PROTOCOL_PREFIX.length)
    actorFor(token).then(
      (actor) =>
        actor ? wss.handleUpgrade(req, socket, head, (ws) => attach(ws, actor, token)) : reject(401, 'Unauthorized'),
      () => reject(401, 'Unauthorized')
    )
  })

  /** Why a session ended, told to its console, for the account changes that end sessions; other ends say their own. */
  const SESSION_ENDED_BY: Partial<Record<AccountChange, string>> = {
    disabled: 'this account was disabled',
    password: 'the password was changed; sign in again'
  }

  function attach(ws: WebSocket, actor: Actor, token: string | undefined) {
    /** Closes this console if its session no longer stands, told why first: it signs out. */
    const endIfSessionEnded = (reason?: string) =>
      actorFor(token).catch((err: Error) => {
        if (ws.readyState !== ws.OPEN) return
        const why = reason ?? err.message
        ws.send(JSON.stringify({ type: 'sessionEnded', reason: why } satisfies EngineEvent))
        ws.close(4401, why)
      })
    // a session's end, in the engine's time: checked on the heartbeat that passes it
    let expiresMs: number | null = null
    if (actor.kind === 'user' && token) void engine.accounts.sessionExpiry(token).then((ms) => (expiresMs = ms))

    const unsubscribe = engine.subscribe((event) => {
      if (ws.readyState !== ws.OPEN) return
      // an unpaired wall screen loses its connection at once, not at its next request
      if (
        actor.kind === 'wall' &&
        event.type === 'wallDevice' &&
        event.device.id === actor.deviceId &&
        event.device.revokedAt
      ) {
        ws.close(4401, 'this wall screen was unpaired')
        return
      }
      // and so does a member whose session a change to their account ended (disabled, a new
      // password set by an admin or from another console)
      if (actor.kind === 'user' && event.type === 'account' && event.user.id === actor.userId) {
        ws.send(JSON.stringify(event))
        void endIfSessionEnded(SESSION_ENDED_BY[event.change])
        return
      }
      // or whose session ran out: it stops hearing the team's events then, not at its next reconnect
      if (event.type === 'heartbeat' && expiresMs !== null && Date.parse(event.at) >= expiresMs) {
        expiresMs = null
        void endIfSessionEnded()
      }
      if (ws.bufferedAmount > MAX_WS_BUFFER_BYTES) {
        ws.close(1013, 'too slow: reconnect and take a fresh snapshot')
        return
      }
      ws.send(JSON.stringify(event))
    })
    // a wall screen is not a team member on duty
    const leave =
      actor.kind === 'wall'
        ? () => {}
        : engine.presence.join({
            name: actor.name,
            roles: actor.roles,
            userId: actor.kind === 'user' ? actor.userId : null
          })
    const close = () => {
      unsubscribe()
      leave()
    }
    ws.on('close', close)
    ws.on('error', close)
    // Nothing is accepted from consoles on this socket yet: it is a push channel.
    ws.on('message', () => ws.close(1003, 'this socket only pushes events'))
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  actualPort = (server.address() as { port: number }).port
  const hostForUrl = options.host.includes(':') ? `[${options.host}]` : options.host
  return {
    url: `${scheme}://${hostForUrl}:${actualPort}`,
    port: actualPort,
    async close() {
      for (const ws of wss.clients) ws.terminate()
      wss.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}

/** Reads a JSON request body of at most MAX_BODY_BYTES; an empty body is {}. */
/** The request body, up to MAX_BODY_BYTES (413 beyond). */
function readBody(req: http.IncomingMessage): Promise<Result<Buffer>> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    let done = false
    const finish = (r: Result<Buffer>) => {
      if (done) return
      done = true
      resolve(r)
    }
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY_BYTES) {
        finish(fail('too_large', `request body over ${MAX_BODY_BYTES} bytes`))
        req.resume() // drain and drop the rest
        return
      }
      chunks.push(c)
    })
    req.on('error', () => finish(fail('bad_request', 'the request body could not be read')))
    req.on('end', () => finish({ ok: true, value: Buffer.concat(chunks) }))
  })
}

async function readJsonBody(req: http.IncomingMessage): Promise<Result<unknown>> {
  const body = await readBody(req)
  if (!body.ok) return body
  if (body.value.length === 0) return { ok: true, value: {} }
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? ''))
    return fail('bad_request', 'send the body as JSON (Content-Type: application/json)')
  const text = body.value.toString('utf8')
  const tooDeep = nestingProblem(text)
  if (tooDeep) return fail('bad_request', `JSON body ${tooDeep}`)
  try {
    const value: unknown = JSON.parse(text)
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return fail('bad_request', 'the body must be a JSON object')
    return { ok: true, value }
  } catch (err) {
    return fail('bad_request', `malformed JSON body: ${(err as Error).message}`)
  }
}

/**
 * The webhook's body goes to the engine as the bytes it was, so it meets exactly the
 * checks an MQTT payload meets (UTF-8, JSON, schema, size), dead letters included.
 */
async function readIngestBody(req: http.IncomingMessage): Promise<Result<unknown>> {
  const body = await readBody(req)
  return body.ok ? { ok: true, value: { payload: body.value.toString('base64') } } : body
}

/** True when every %-escape in a path is well formed UTF-8, so decodeURIComponent can't throw on it. */
export function decodesCleanly(pathname: string): boolean {
  try {
    decodeURIComponent(pathname)
    return true
  } catch {
    return false
  }
}

function sendResult(res: http.ServerResponse, result: Result<unknown>) {
  const status = result.ok ? 200 : httpStatus(result.error.code)
  const body = JSON.stringify(result.ok ? result.value : { error: result.error })
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    ...SECURITY_HEADERS
  })
  res.end(body)
}
