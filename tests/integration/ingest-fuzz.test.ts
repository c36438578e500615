// Fuzzing both ways in (MQTT through the embedded broker, and POST /api/ingest) with a few
// thousand hostile payloads from a fixed seed: the engine stays up, and every item sent
// is accounted for as stored, dead-lettered or a duplicate (issue 21).
import mqtt from 'mqtt'
import { afterEach, describe, expect, it } from 'vitest'
import { fuzzPayloads, type FuzzPayload } from '../support/fuzz-payloads'
import { mention } from '../support/mentions'
import { asLocal, startTestEngine } from '../support/test-engine'
import { startTeamHost } from '../support/team-host'

const CASES = 3000
const TOPIC = 'crisis/in/mentions'
const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

type Health = { ok: boolean; mentions: number; deadLetters: number; duplicates: number }
const itemsIn = (payloads: readonly FuzzPayload[]) => payloads.reduce((n, p) => n + p.items, 0)

/** Runs `send` over the payloads, `width` at a time. */
async function inParallel<T>(items: readonly T[], width: number, send: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await send(items[next++])
    })
  )
}

describe('fuzzing the ways in', () => {
  it('MQTT: the engine stays up and accounts for every item of 3,000 hostile payloads', async () => {
    const engine = await startTestEngine()
    cleanups.push(() => engine.dispose())
    const client = await mqtt.connectAsync(engine.broker.url, { clientId: 'fuzz-source' })
    cleanups.push(() => client.endAsync())
    const payloads = fuzzPayloads(20261207, CASES)
    // QoS 1: each PUBACK comes after the commit, so when all are acknowledged all are counted
    await inParallel(payloads, 50, (p) => client.publishAsync(TOPIC, p.bytes, { qos: 1 }).then(() => undefined))

    const r = await engine.dispatch('health', {}, asLocal)
    const h = (r.ok && r.value) as Health
    expect(h.mentions + h.deadLetters + h.duplicates).toBe(itemsIn(payloads))
    expect(h.mentions).toBeGreaterThan(0)
    const kinds = new Set(payloads.map((p) => p.kind))
    expect(kinds.size).toBeGreaterThanOrEqual(14) // every maker had its turn

    // and it still serves: a valid mention after all that is stored
    await client.publishAsync(TOPIC, JSON.stringify(mention(999_999)), { qos: 1 })
    const after = await engine.dispatch('health', {}, asLocal)
    expect(after.ok && (after.value as Health).mentions).toBe(h.mentions + 1)
  })

  it('HTTP: the engine stays up and every item is stored, dead-lettered, a duplicate, or refused to the sender', async () => {
    const host = await startTeamHost()
    cleanups.push(() => host.dispose())
    const tool = await host.join('listening-tool', ['ops'])
    const payloads = fuzzPayloads(7, CASES)
    let refused = 0
    const statuses = new Set<number>()
    await inParallel(payloads, 20, async (p) => {
      const r = await tool.call('POST', '/api/ingest', p.bytes, { 'content-type': 'application/json' })
      statuses.add(r.status)
      // a body over the limit is answered 413: the sender is told, nothing is kept
      if (r.status === 413) refused += p.items
      else expect(r.status).toBe(200)
    })
    expect([...statuses].sort()).toEqual([200, 413])
    const h = (await host.request('GET', '/api/health', undefined)).body as Health
    expect(h.ok).toBe(true)
    expect(h.mentions + h.deadLetters + h.duplicates + refused).toBe(itemsIn(payloads))
    expect((await tool.call('POST', '/api/ingest', mention(999_999))).body).toEqual({ accepted: 1, rejected: [] })
  })
})
