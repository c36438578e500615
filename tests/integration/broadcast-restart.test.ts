// The outbox across kill -9 of the real CLI process: a delivery the broker took but the
// gateway hasn't confirmed is not sent again after the restart, and is confirmed when the
// receipt comes; a send the crash interrupted is re-sent only where the receiver dedupes on
// its key (Idempotency-Key), and otherwise failed for a person to check (X has no key).
import fs from 'node:fs'
import path from 'node:path'
import WebSocket from 'ws'
import { afterEach, describe, expect, it } from 'vitest'
import type { EngineEvent } from '../../shared/api'
import type { Delivery } from '../../shared/broadcast'
import { freePort } from '../support/free-port'
import { startReceiver } from '../support/http-receiver'
import { runCli, startServe, type ServeProcess } from '../support/serve-process'
import { startGateways } from '../../electron/host/gateway-sim'
import { hasSmtpServer, startSmtpServer } from '../support/smtp-server'
import { makeTempDir } from '../support/temp-dir'

const PASSWORD = 'a long password for tests'
let cleanup: (() => Promise<unknown> | unknown)[] = []
afterEach(async () => {
  for (const c of cleanup.reverse()) await c()
  cleanup = []
})

async function serve(args: string[]): Promise<ServeProcess> {
  const p = await startServe(args)
  cleanup.push(() => p.kill('SIGKILL'))
  return p
}

/** A signed-in member of a running console, over HTTP, with their event stream. */
async function member(p: ServeProcess, name: string) {
  const session = await (
    await fetch(`${p.httpUrl}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: name, password: PASSWORD })
    })
  ).json()
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whatever JSON the API answers
  const call = async (verb: string, route: string, body?: unknown): Promise<any> =>
    (
      await fetch(`${p.httpUrl}${route}`, {
        method: verb,
        headers: { authorization: `Bearer ${session.token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined
      })
    ).json()
  const ws = new WebSocket(`${p.httpUrl.replace('http', 'ws')}/api/events`, [`bearer.${session.token}`])
  const seen: EngineEvent[] = []
  const waiting: { match: (e: EngineEvent) => boolean; resolve: () => void }[] = []
  ws.on('message', (d) => {
    seen.push(JSON.parse(String(d)))
    for (const w of waiting.splice(0)) {
      if (seen.some(w.match)) w.resolve()
      else waiting.push(w)
    }
  })
  await new Promise((resolve) => ws.once('open', resolve))
  cleanup.push(() => ws.close())
  const delivery = (id: number, state: string) => (e: EngineEvent) =>
    e.type === 'delivery' && e.delivery.id === id && e.delivery.state === state
  return {
    call,
    /** resolves once delivery `id` is in `state`: already (the ledger says so), or when its event comes */
    async reached(id: number, state: string) {
      const waited = new Promise<void>((resolve) =>
        seen.some(delivery(id, state)) ? resolve() : waiting.push({ match: delivery(id, state), resolve })
      )
      const now: Delivery[] = await call('GET', '/api/deliveries')
      if (now.some((d) => d.id === id && d.state === state)) return
      await waited
    }
  }
}

async function team(dataDir: string) {
  for (const [name, role] of [
    ['priya', 'pr'],
    ['lars', 'lead']
  ]) {
    const r = await runCli(['users', 'add', name, '--role', role, '--data', dataDir], PASSWORD)
    expect(r.code, r.stderr).toBe(0)
  }
}

/** A data folder with the team and, owner-only as required, these channels. */
async function dataFolder(name: string, channels: unknown[]) {
  const tmp = makeTempDir(name)
  cleanup.push(tmp.remove)
  await team(tmp.dir)
  fs.writeFileSync(path.join(tmp.dir, 'channels.json'), JSON.stringify({ channels }), { mode: 0o600 })
  return tmp
}

async function approvedStatement(p: ServeProcess, channels: string[]) {
  const pr = await member(p, 'priya')
  const lead = await member(p, 'lars')
  const incident = (await lead.call('POST', '/api/incidents', { name: 'Ash cloud', severity: 'SEV2' })).id
  const texts = channels.map((channel) => ({
    channel,
    lang: 'en',
    text: 'All flights today are cancelled. Next update 14:00 UTC.'
  }))
  const s = await pr.call('POST', '/api/statements', { incident, texts, nextUpdateAt: '2026-11-23T14:00:00Z' })
  expect((await lead.call('POST', `/api/statements/${s.id}/approve`, { revision: 1 })).latest.state).toBe('approved')
  return { pr, lead, id: s.id as number }
}

describe('broadcast across kill -9', () => {
  it('killed between send and confirmation: after restart nothing is sent twice, and the late receipts confirm', async () => {
    const tmp = makeTempDir('broadcast-restart')
    cleanup.push(tmp.remove)
    await team(tmp.dir)
    const mqttPort = await freePort()
    const args = ['--data', tmp.dir, '--http', '127.0.0.1:0', '--mqtt', `127.0.0.1:${mqttPort}`]
    const first = await serve(args)

    // a gateway that takes deliveries but holds its receipts until we say
    const gw = await startGateways({ url: first.mqttUrl, dataDir: tmp.dir, channels: ['sms', 'x'], answer: () => null })
    cleanup.push(() => gw.close())
    const got = gw.got

    const { pr, id } = await approvedStatement(first, ['sms', 'x'])
    const sent: Delivery[] = await pr.call('POST', `/api/statements/${id}/broadcast`, { channels: ['sms', 'x'] })
    for (const d of sent) await pr.reached(d.id, 'accepted')
    expect(got.map((g) => g.message.deliveryId).sort()).toEqual(sent.map((d) => d.id).sort())
    await first.kill('SIGKILL')

    const second = await serve(args)
    const lead = await member(second, 'lars')
    const after: Delivery[] = await lead.call('GET', `/api/deliveries?statement=${id}`)
    expect(after.map((d) => d.state)).toEqual(['accepted', 'accepted']) // the broker took them: not sent again
    for (const d of sent) {
      const client = gw.clients.get(d.channel)!
      await new Promise((resolve) => (client.connected ? resolve(null) : client.once('connect', resolve)))
      await client.publishAsync(`crisis/ack/${d.channel}`, JSON.stringify({ deliveryId: d.id, status: 'delivered' }), {
        qos: 1
      })
    }
    for (const d of sent) await lead.reached(d.id, 'confirmed')
    expect(got).toHaveLength(2) // each reached the gateway once, across the crash
  })

  it('across a kill -9 the broker keeps sessions: a receipt sent while the engine was down confirms, and a delivery waits for a gateway that is away', async () => {
    const tmp = makeTempDir('broadcast-sessions')
    cleanup.push(tmp.remove)
    await team(tmp.dir)
    const args = ['--data', tmp.dir, '--http', '127.0.0.1:0', '--mqtt', `127.0.0.1:${await freePort()}`]
    const first = await serve(args)
    const sms = await startGateways({ url: first.mqttUrl, dataDir: tmp.dir, channels: ['sms'], answer: () => null })
    cleanup.push(() => sms.close())
    const x = await startGateways({ url: first.mqttUrl, dataDir: tmp.dir, channels: ['x'], clientIdPrefix: 'displays' })
    await x.close() // the x gateway goes away; its persistent session stays with the broker

    const { pr, id } = await approvedStatement(first, ['sms', 'x'])
    const [toSms] = (await pr.call('POST', `/api/statements/${id}/broadcast`, { channels: ['sms'] })) as Delivery[]
    await pr.reached(toSms.id, 'accepted')
    await first.kill('SIGKILL')
    // the gateway answers while the engine is down: its client holds the receipt and sends it on reconnect
    const receipt = sms.clients
      .get('sms')!
      .publishAsync('crisis/ack/sms', JSON.stringify({ deliveryId: toSms.id, status: 'delivered' }), { qos: 1 })

    const second = await serve(args)
    const lead = await member(second, 'lars')
    await receipt
    await lead.reached(toSms.id, 'confirmed')

    // right after the restart, x's gateway is still away: the broker keeps the delivery for it
    const wall = await lead.call('GET', '/api/wall')
    expect(wall.channels.find((c: { channel: string }) => c.channel === 'x')).toMatchObject({ gateway: 'offline' })
    const [toX] = (await lead.call('POST', `/api/statements/${id}/broadcast`, { channels: ['x'] })) as Delivery[]
    await lead.reached(toX.id, 'accepted')
    const back = await startGateways({
      url: second.mqttUrl,
      dataDir: tmp.dir,
      channels: ['x'],
      clientIdPrefix: 'displays'
    })
    cleanup.push(() => back.close())
    await lead.reached(toX.id, 'confirmed')
    expect(back.got.map((g) => g.message.deliveryId)).toEqual([toX.id])
    expect(sms.got.map((g) => g.message.deliveryId)).toEqual([toSms.id]) // nothing sent twice
  })

  it('killed mid-send: an idempotent webhook gets the same key again; X, which cannot dedupe, is failed for a person to check, not posted twice', async () => {
    const hook = await startReceiver((_r, n) => (n === 1 ? 'hang' : { status: 200, body: 'ok' }))
    const x = await startReceiver(() => 'hang')
    cleanup.push(hook.close, x.close)
    const tmp = await dataFolder('broadcast-midsend', [
      {
        id: 'ops',
        adapter: 'webhook',
        variant: 'x',
        settings: { url: hook.url },
        credentials: { secret: 'a-secret-of-enough-length' }
      },
      { id: 'x', adapter: 'x', variant: 'x', settings: { baseUrl: x.url }, credentials: { bearerToken: 'token' } }
    ])
    const args = ['--data', tmp.dir, '--http', '127.0.0.1:0', '--mqtt', '127.0.0.1:0']
    const first = await serve(args)
    const { pr, id } = await approvedStatement(first, ['x'])
    const [ops, onX]: Delivery[] = await pr.call('POST', `/api/statements/${id}/broadcast`, { channels: ['ops', 'x'] })
    await hook.requests(1)
    await x.requests(1)
    await first.kill('SIGKILL')

    const second = await serve(args)
    const lead = await member(second, 'lars')
    await lead.reached(ops.id, 'confirmed')
    expect(hook.received).toHaveLength(2)
    expect(hook.received[1].headers['idempotency-key']).toBe(hook.received[0].headers['idempotency-key'])
    const xNow: Delivery = (await lead.call('GET', `/api/deliveries?statement=${id}`)).find(
      (d: Delivery) => d.id === onX.id
    )
    expect(xNow.state).toBe('failed')
    expect(xNow.error).toMatch(/interrupted by a restart while sending: the platform may or may not have it/)
    expect(x.received).toHaveLength(1)
  })

  it.skipIf(!hasSmtpServer())(
    'a kill -9 at any moment of a broadcast leaves every delivery confirmed, failed or unconfirmed, and nothing twice where the receiver cannot dedupe',
    async () => {
      const hook = await startReceiver(() => ({ status: 200, body: 'ok' }))
      const smtp = await startSmtpServer()
      cleanup.push(hook.close, smtp.stop)
      // from the broadcast request to the kill: before the outbox, mid-send, after the PUBACKs
      for (const delayMs of [0, 10, 30, 80, 200]) {
        const tmp = await dataFolder(`broadcast-kill-${delayMs}`, [
          { id: 'sms', adapter: 'mqtt', variant: 'sms', settings: { receiptSeconds: 1, resends: 1 } },
          { id: 'voice', adapter: 'mqtt', variant: 'voice', settings: { receiptSeconds: 1, resends: 1 } },
          {
            id: 'ops',
            adapter: 'webhook',
            variant: 'sms',
            settings: { url: hook.url },
            credentials: { secret: 'a-secret-of-enough-length' }
          },
          {
            id: 'email',
            adapter: 'smtp',
            variant: 'sms',
            settings: { host: '127.0.0.1', port: smtp.port, from: 'crisis@example.com', to: ['a@example.com'] }
          }
        ])
        const args = ['--data', tmp.dir, '--http', '127.0.0.1:0', '--mqtt', `127.0.0.1:${await freePort()}`]
        // each trial starts its ids at 1: count only what this trial sent
        const [mailsBefore, hooksBefore] = [new Set(smtp.messages()), hook.received.length]
        const first = await serve(args)
        // the sms gateway confirms; the displays' (voice) takes messages and never answers
        const gw = await startGateways({
          url: first.mqttUrl,
          dataDir: tmp.dir,
          channels: ['sms', 'voice'],
          answer: (c) => (c === 'sms' ? { status: 'delivered' } : null),
          clientIdPrefix: `kill-${delayMs}`
        })
        cleanup.push(() => gw.close())
        const { pr, id } = await approvedStatement(first, ['sms', 'voice'])
        const broadcast = pr
          .call('POST', `/api/statements/${id}/broadcast`, { channels: ['sms', 'voice', 'ops', 'email'] })
          .catch(() => null)
        await new Promise((resolve) => setTimeout(resolve, delayMs)) // the moment of the crash is the point of the test
        await first.kill('SIGKILL')
        await broadcast

        const second = await serve(args)
        const lead = await member(second, 'lars')
        const ledger = async (): Promise<Delivery[]> => lead.call('GET', `/api/deliveries?statement=${id}`)
        // within the receipt window (2 s) and a little: every delivery has reached a state that says what happened
        await expect
          .poll(
            async () =>
              (await ledger()).map((d) => d.state).filter((s) => !['confirmed', 'failed', 'unconfirmed'].includes(s)),
            { timeout: 15_000 }
          )
          .toEqual([])
        const final = await ledger()
        const by = (channel: string) => final.find((d) => d.channel === channel)
        if (final.length) {
          expect(by('sms')?.state, `delay ${delayMs}`).toBe('confirmed')
          expect(by('voice')).toMatchObject({
            state: 'unconfirmed',
            error: 'no receipt from the voice gateway in 2 seconds'
          })
          expect(by('ops')?.state).toBe('confirmed')
          // SMTP can't dedupe: a send the crash cut off is failed for a person, never sent again
          expect(['confirmed', 'failed']).toContain(by('email')?.state)
        }
        // no receiver that can't dedupe got anything twice; the webhook only ever saw one key per delivery
        const ids = smtp
          .messages()
          .filter((m) => !mailsBefore.has(m))
          .map((m) => /^Message-ID: <([^@]+)@/m.exec(m)?.[1])
        expect(ids.length, `delay ${delayMs}: ${ids.join()}`).toBe(new Set(ids).size)
        const keys = new Set(hook.received.slice(hooksBefore).map((r) => r.headers['idempotency-key']))
        expect(
          [...keys].every((k) => final.some((d) => d.channel === 'ops' && d.idempotencyKey === k)),
          `delay ${delayMs}`
        ).toBe(true)
        await gw.close()
        await second.kill('SIGKILL')
      }
    },
    180_000
  )
})
