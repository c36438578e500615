// Broadcast benchmark (broadcast issue): from the broadcast request to the last of 12
// channels confirmed: ten MQTT gateways (one client per channel answering receipts,
// as a gateway would) and two signed webhooks to a local receiver, over 50 broadcasts.
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { startGateways } from '../gateway-sim'
import WebSocket from 'ws'
import type { EngineEvent } from '../../../shared/api'
import { OUTBOUND_CHANNELS } from '../../../shared/channel-rules'
import { CHANNELS_FILE } from '../../core/broadcast/channel-config'
import { openStore } from '../../core/store/open-store'
import { Accounts } from '../../core/team/accounts'
import type { RunningServe } from './ingest-bench'
import { percentiles } from './queue-bench'

const PASSWORD = 'bench password, not for production'
const HOOKS = ['hook-a', 'hook-b']

/** Writes the 12 channels and the two people a broadcast needs (an author and an approver). */
export async function seedBroadcast(dataDir: string, webhookUrl: string): Promise<void> {
  const channels = [
    ...OUTBOUND_CHANNELS.map((c) => ({ id: `gw-${c}`, adapter: 'mqtt', variant: c })),
    ...HOOKS.map((id) => ({
      id,
      adapter: 'webhook',
      variant: 'statuspage',
      settings: { url: webhookUrl },
      credentials: { secret: 'bench-webhook-secret-0123456789' }
    }))
  ]
  fs.writeFileSync(path.join(dataDir, CHANNELS_FILE), JSON.stringify({ channels }), { mode: 0o600 })
  const store = await openStore(dataDir)
  try {
    const accounts = new Accounts(store.writerDb, store.readDb, Date.now)
    await accounts.createUser('bench-pr', PASSWORD, ['pr'], 'benchmark')
    await accounts.createUser('bench-lead', PASSWORD, ['lead'], 'benchmark')
  } finally {
    await store.close()
  }
}

/** A webhook receiver answering 200 at once. */
export async function startWebhookReceiver(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    req.resume()
    req.on('end', () => res.end('ok'))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`,
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve())))
  }
}

export async function measureBroadcast(serve: RunningServe, broadcasts: number) {
  const signIn = async (user: string) => {
    const r = await fetch(`${serve.httpUrl}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user, password: PASSWORD })
    })
    return ((await r.json()) as { token: string }).token
  }
  const [prToken, leadToken] = [await signIn('bench-pr'), await signIn('bench-lead')]
  const call = async (
    token: string,
    route: string,
    body: unknown
  ): Promise<{ id: number } & Record<string, unknown>> => {
    const r = await fetch(`${serve.httpUrl}${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body)
    })
    if (!r.ok) throw new Error(`${route}: HTTP ${r.status} ${await r.text()}`)
    return (await r.json()) as { id: number } & Record<string, unknown>
  }

  const gateways = await startGateways({
    url: serve.mqttUrl,
    dataDir: serve.dataDir,
    channels: OUTBOUND_CHANNELS.map((c) => `gw-${c}`),
    clientIdPrefix: 'bench'
  })

  const ws = new WebSocket(`${serve.httpUrl.replace('http', 'ws')}/api/events`, [`bearer.${prToken}`])
  await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)))
  const confirmed = new Set<number>()
  let waiting: { ids: Set<number>; resolve: () => void } | null = null
  ws.on('message', (d) => {
    const e = JSON.parse(String(d)) as EngineEvent
    if (e.type !== 'delivery' || e.delivery.state !== 'confirmed') return
    confirmed.add(e.delivery.id)
    if (waiting && [...waiting.ids].every((id) => confirmed.has(id))) waiting.resolve()
  })

  const incident = await call(leadToken, '/api/incidents', { name: 'Broadcast benchmark', severity: 'SEV2' })
  const texts = OUTBOUND_CHANNELS.map((channel) => ({
    channel,
    lang: 'en',
    text: 'Flights are cancelled today; rebook free at example.com. Next update 14:00 UTC.',
    ...(channel === 'email' ? { subject: 'Your flight' } : {})
  }))
  const channelIds = [...OUTBOUND_CHANNELS.map((c) => `gw-${c}`), ...HOOKS]
  const samples: number[] = []
  try {
    for (let i = 0; i < broadcasts; i++) {
      const s = await call(prToken, '/api/statements', {
        incident: incident.id,
        title: `Update ${i + 1}`,
        texts,
        nextUpdateAt: new Date(Date.now() + 3600_000).toISOString()
      })
      await call(leadToken, `/api/statements/${s.id}/approve`, { revision: 1 })
      const t0 = performance.now()
      const deliveries = (await call(prToken, `/api/statements/${s.id}/broadcast`, {
        channels: channelIds
      })) as unknown as { id: number }[]
      const ids = new Set(deliveries.map((d) => d.id))
      await new Promise<void>((resolve) => {
        waiting = { ids, resolve }
        if ([...ids].every((id) => confirmed.has(id))) resolve()
      })
      samples.push(performance.now() - t0)
    }
  } finally {
    ws.close()
    await gateways.close()
  }
  return {
    channels: channelIds.length,
    mqttGateways: OUTBOUND_CHANNELS.length,
    webhooks: HOOKS.length,
    ...percentiles(samples)
  }
}
