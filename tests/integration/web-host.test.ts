// The web host over real HTTP and WebSocket, as a browser or another console meets it.
import fs from 'node:fs'
import path from 'node:path'
import mqtt from 'mqtt'
import WebSocket from 'ws'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startWebHost, type WebHost } from '../../electron/host/web-host'
import { silentLogger } from '../../electron/core/logger'
import { json, mention } from '../support/mentions'
import { startTestEngine } from '../support/test-engine'
import { makeTempDir } from '../support/temp-dir'

const TOKEN = 'test-token-123'
let engine: Awaited<ReturnType<typeof startTestEngine>>
let web: WebHost
let staticDir: ReturnType<typeof makeTempDir>

beforeEach(async () => {
  engine = await startTestEngine()
  staticDir = makeTempDir('static')
  fs.writeFileSync(
    path.join(staticDir.dir, 'index.html'),
    '<meta name="crisis-console-token" content="__CRISIS_CONSOLE_TOKEN__">'
  )
  fs.mkdirSync(path.join(staticDir.dir, 'assets'))
  fs.writeFileSync(path.join(staticDir.dir, 'assets', 'app.js'), 'console.log(1)')
  web = await startWebHost({
    engine,
    host: '127.0.0.1',
    port: 0,
    staticDir: staticDir.dir,
    localToken: TOKEN,
    logger: silentLogger
  })
})
afterEach(async () => {
  await web.close()
  await engine.dispose()
  staticDir.remove()
})

const get = (p: string, headers: Record<string, string> = {}) => fetch(`${web.url}${p}`, { headers })
const auth = { authorization: `Bearer ${TOKEN}` }

describe('web host', () => {
  it('answers GET /api/health without a session, in the contract shape', async () => {
    const res = await get('/api/health')
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ ok: true, version: 'test', mentions: 0, deadLetters: 0 })
  })

  it('needs the session token for everything else, and says so in JSON', async () => {
    const res = await get('/api/wall')
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({ error: { code: 'unauthorized', message: expect.stringContaining('Bearer') } })
    expect((await get('/api/wall', { authorization: 'Bearer wrong' })).status).toBe(401)
    expect((await get('/api/wall', auth)).status).toBe(200)
  })

  it('validates query parameters, naming the field', async () => {
    const res = await get('/api/dead-letters?limit=100000', auth)
    expect(res.status).toBe(400)
    expect((await res.json()).error).toMatchObject({ code: 'bad_request', message: expect.stringMatching(/^limit: /) })
    expect((await get('/api/wall?minutes=5&drop=tables', auth)).status).toBe(400)
  })

  it('gives 404 for unknown routes and methods', async () => {
    expect((await get('/api/nope', auth)).status).toBe(404)
    expect((await fetch(`${web.url}/api/health`, { method: 'DELETE' })).status).toBe(404)
  })

  it('hands its token only to its own page, with a strict CSP', async () => {
    for (const p of ['/', '/wall']) {
      const res = await get(p)
      expect(res.status).toBe(200)
      expect(await res.text()).toContain(`content="${TOKEN}"`)
      expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self'/)
    }
  })

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const http = await import('node:http')
    const status = await new Promise<number>((resolve) => {
      http.get(`${web.url}/`, { headers: { host: 'evil.example:80' } }, (res) => resolve(res.statusCode ?? 0))
    })
    expect(status).toBe(403)
  })

  it('serves built assets and nothing outside the static folder', async () => {
    expect((await get('/assets/app.js')).status).toBe(200)
    expect((await get('/assets/../../../etc/passwd')).status).toBe(404)
    expect((await get('/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404)
  })

  it('pushes a new mention over the WebSocket as soon as it is stored', async () => {
    const ws = new WebSocket(`${web.url.replace('http', 'ws')}/api/events`, [`bearer.${TOKEN}`])
    await new Promise((r) => ws.once('open', r))
    const ingested = new Promise<Record<string, unknown>>((resolve) =>
      ws.on('message', (data) => {
        const e = JSON.parse(String(data))
        if (e.type === 'ingested') resolve(e)
      })
    )
    const source = await mqtt.connectAsync(engine.broker.url)
    await source.publishAsync('crisis/in/mentions', json(mention(5)), { qos: 1 })
    await source.endAsync()
    expect(await ingested).toMatchObject({ inserted: 1, latest: [{ id: 'm-5' }], totals: { mentions: 1 } })
    ws.close()
  })

  it('sends heartbeats so a console can tell live from stale', async () => {
    const ws = new WebSocket(`${web.url.replace('http', 'ws')}/api/events`, [`bearer.${TOKEN}`])
    const beat = await new Promise<Record<string, unknown>>((resolve) =>
      ws.on('message', (d) => {
        const e = JSON.parse(String(d))
        if (e.type === 'heartbeat') resolve(e)
      })
    )
    expect(beat).toMatchObject({ type: 'heartbeat' })
    ws.close()
  })

  it('refuses a WebSocket without the token or from a foreign origin', async () => {
    const attempt = (protocols: string[], headers: Record<string, string> = {}) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(`${web.url.replace('http', 'ws')}/api/events`, protocols, { headers })
        ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
        ws.once('open', () => (ws.close(), resolve(101)))
      })
    expect(await attempt(['bearer.wrong'])).toBe(401)
    expect(await attempt([`bearer.${TOKEN}`], { origin: 'https://evil.example' })).toBe(403)
    expect(await attempt([`bearer.${TOKEN}`], { origin: web.url })).toBe(101)
  })

  it('answers a malformed %-escape in a path with 400, before the session, and logs nothing', async () => {
    const lines: string[] = []
    const quiet = await startWebHost({
      engine,
      host: '127.0.0.1',
      port: 0,
      staticDir: staticDir.dir,
      localToken: TOKEN,
      logger: { ...silentLogger, warn: (m: string) => lines.push(m), error: (m: string) => lines.push(m) }
    })
    try {
      for (const p of ['/api/queue/%E0%A4%A/claim', '/%', '/assets/%ZZ', '/api/statements/%C3%28']) {
        const res = await fetch(`${quiet.url}${p}`, { method: p.includes('claim') ? 'POST' : 'GET' })
        expect(res.status, p).toBe(400)
        expect((await res.json()).error.message).toMatch(/malformed %-escape/)
      }
      // a well-formed escape still reaches its route
      expect((await fetch(`${quiet.url}/assets/%61pp.js`)).status).toBe(200)
      expect(lines).toEqual([])
    } finally {
      await quiet.close()
    }
  })

  it('refuses a JSON body nested deeper than 64 levels with 400', async () => {
    const res = await fetch(`${web.url}/api/incidents`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: `{"name":${'['.repeat(5000)}${']'.repeat(5000)}}`
    })
    expect(res.status).toBe(400)
    expect((await res.json()).error.message).toMatch(/nested too deep/)
  })
})
