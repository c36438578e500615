// The web host: the built renderer and the same API as the Electron preload, over HTTP
// JSON and a WebSocket of pushed events. It is how walls on TVs, teammates in a browser
// and our Playwright tests reach the engine.
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { WebSocketServer, type WebSocket } from 'ws'
import { EVENTS_PATH, methods, TOKEN_PROTOCOL_PREFIX, type MethodName } from '../../shared/api'
import { fail, httpStatus, type Result } from '../../shared/result'
import type { Engine } from '../core/engine'
import type { Logger } from '../core/logger'

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
   * The session token for this run. Local mode (loopback only, no accounts yet) hands it
   * to pages served from this host and to nobody else: cross-origin pages can't read our
   * HTML, and the Host check below stops DNS rebinding.
   */
  token: string
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

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { engine, logger } = options
  let actualPort = options.port

  const allowedHosts = () =>
    new Set([`${options.host}:${actualPort}`, `localhost:${actualPort}`, `127.0.0.1:${actualPort}`, `[::1]:${actualPort}`])

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: Error) => {
      logger.error(`http ${req.method} ${req.url}: ${err.stack ?? err.message}`)
      if (!res.headersSent) sendResult(res, fail('internal', 'internal error'))
      else res.destroy()
    })
  })

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    if (!allowedHosts().has(req.headers.host ?? '')) {
      return sendResult(res, fail('forbidden', `unexpected Host header "${req.headers.host ?? ''}"`))
    }
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`)
    if (url.pathname.startsWith('/api/')) return handleApi(req, res, url)
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendResult(res, fail('not_found', `${req.method} ${url.pathname} is not a route`))
    }
    return serveStatic(res, url.pathname)
  }

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    const entry = (Object.entries(methods) as [MethodName, (typeof methods)[MethodName]][]).find(
      ([, m]) => m.http.path === url.pathname
    )
    if (!entry) return sendResult(res, fail('not_found', `no API route ${url.pathname}`))
    const [name, method] = entry
    if (req.method !== method.http.verb) {
      return sendResult(res, fail('not_found', `${url.pathname} takes ${method.http.verb}, not ${req.method}`))
    }
    if (method.auth && req.headers.authorization !== `Bearer ${options.token}`) {
      return sendResult(res, fail('unauthorized', 'missing or wrong session token (Authorization: Bearer ...)'))
    }
    const params = Object.fromEntries(url.searchParams)
    sendResult(res, await engine.dispatch(name, params))
  }

  function serveStatic(res: http.ServerResponse, pathname: string) {
    const root = path.resolve(options.staticDir)
    const file = SPA_ROUTES.has(pathname) ? path.join(root, 'index.html') : path.resolve(root, `.${decodeURIComponent(pathname)}`)
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
      body = Buffer.from(body.toString('utf8').replace('__CRISIS_CONSOLE_TOKEN__', options.token))
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
    const origin = req.headers.origin
    const reject = (status: number, why: string) => {
      socket.end(`HTTP/1.1 ${status} ${why}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`)
    }
    if (url.pathname !== EVENTS_PATH) return reject(404, 'Not Found')
    if (!allowedHosts().has(req.headers.host ?? '')) return reject(403, 'Forbidden')
    // Browsers always send Origin: only pages served by this host may listen in.
    if (origin !== undefined && !allowedHosts().has(origin.replace(/^https?:\/\//, ''))) return reject(403, 'Forbidden')
    if (!offered.includes(`${TOKEN_PROTOCOL_PREFIX}${options.token}`)) return reject(401, 'Unauthorized')
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws))
  })

  function attach(ws: WebSocket) {
    const unsubscribe = engine.subscribe((event) => {
      if (ws.readyState !== ws.OPEN) return
      if (ws.bufferedAmount > MAX_WS_BUFFER_BYTES) {
        ws.close(1013, 'too slow: reconnect and take a fresh snapshot')
        return
      }
      ws.send(JSON.stringify(event))
    })
    ws.on('close', unsubscribe)
    ws.on('error', unsubscribe)
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
    url: `http://${hostForUrl}:${actualPort}`,
    port: actualPort,
    async close() {
      for (const ws of wss.clients) ws.terminate()
      wss.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}

function sendResult(res: http.ServerResponse, result: Result<unknown>) {
  const status = result.ok ? 200 : httpStatus(result.error.code)
  const body = JSON.stringify(result.ok ? result.value : { error: result.error })
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...SECURITY_HEADERS })
  res.end(body)
}
