// The embedded broker path end to end: a real external MQTT client publishes QoS 1; the
// PUBACK comes only after the SQLite commit; bad input is dead-lettered and counted.
import fs from 'node:fs'
import path from 'node:path'
import mqtt, { type MqttClient } from 'mqtt'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { EngineEvent } from '../../shared/api'
import { openDb } from '../../electron/core/store/db'
import { DB_FILE_NAME } from '../../electron/core/engine'
import { json, mention } from '../support/mentions'
import { asLocal, startTestEngine } from '../support/test-engine'
import { makeTempDir } from '../support/temp-dir'

const TOPIC = 'crisis/in/mentions'
let engine: Awaited<ReturnType<typeof startTestEngine>>
let client: MqttClient

beforeEach(async () => {
  engine = await startTestEngine()
  client = await mqtt.connectAsync(engine.broker.url, { clientId: `source-${Date.now()}` })
})
afterEach(async () => {
  await client.endAsync()
  await engine.dispose()
})

/** What another process would see in the SQLite file right now. */
async function storedIds(): Promise<string[]> {
  const db = await openDb(path.join(engine.dataDir, DB_FILE_NAME), { readonly: true })
  try {
    return (await db.all<{ id: string }>('SELECT id FROM mentions ORDER BY seq')).map((r) => r.id)
  } finally {
    await db.close()
  }
}

async function health() {
  const r = await engine.dispatch('health', {}, asLocal)
  if (!r.ok) throw new Error(r.error.message)
  return r.value as { mentions: number; deadLetters: number; duplicates: number }
}

describe('ingest through the embedded broker', () => {
  it('has committed a mention by the time the publisher gets its PUBACK', async () => {
    await client.publishAsync(TOPIC, json(mention(1)), { qos: 1 })
    expect(await storedIds()).toEqual(['m-1'])
  })

  it('stores an array in one go and counts per-minute volume per channel', async () => {
    await client.publishAsync(
      TOPIC,
      json([mention(1), mention(2, { channel: 'sms' }), mention(61, { channel: 'sms' })]),
      { qos: 1 }
    )
    const snap = await engine.dispatch('wallSnapshot', { minutes: 60 }, asLocal)
    expect(snap.ok && snap.value).toMatchObject({
      totals: { mentions: 3, byChannel: { twitter: 1, sms: 2 } },
      volume: [
        { minute: Date.UTC(2010, 3, 17, 9, 0), channel: 'sms', count: 1 },
        { minute: Date.UTC(2010, 3, 17, 9, 0), channel: 'twitter', count: 1 },
        { minute: Date.UTC(2010, 3, 17, 9, 1), channel: 'sms', count: 1 }
      ]
    })
  })

  it('stores the same (channel, id) once, however often it arrives', async () => {
    await client.publishAsync(TOPIC, json(mention(1)), { qos: 1 })
    await client.publishAsync(TOPIC, json(mention(1, { text: 'edited resend' })), { qos: 1 })
    await client.publishAsync(TOPIC, json(mention(1, { channel: 'facebook' })), { qos: 1 }) // another channel: another mention
    expect(await storedIds()).toEqual(['m-1', 'm-1'])
    expect(await health()).toMatchObject({ mentions: 2, duplicates: 1 })
  })

  it('dead-letters every kind of bad input with its reason, counts it in health, and keeps running', async () => {
    const bad: [string, Buffer][] = [
      ['malformed JSON', Buffer.from('{"id":')],
      ['wrong types', json({ ...mention(1), author: { handle: 1, followers: 'x' } })],
      ['missing fields', json({ id: 'lonely' })],
      ['over 64 KB', json({ ...mention(2), padding: 'p'.repeat(70 * 1024) })],
      ['invalid timestamp', json({ ...mention(3), ts: '2010-04-31T10:00:00Z' })],
      ['invalid UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d])]
    ]
    for (const [, payload] of bad) await client.publishAsync(TOPIC, payload, { qos: 1 })
    await client.publishAsync(TOPIC, json(mention(4)), { qos: 1 })

    expect(await health()).toMatchObject({ mentions: 1, deadLetters: 6 })
    const dl = await engine.dispatch('deadLetters', { limit: 10 }, asLocal)
    const reasons = (dl.ok ? (dl.value as { reason: string }[]) : []).map((d) => d.reason).reverse()
    expect(reasons[0]).toMatch(/^malformed JSON/)
    expect(reasons[1]).toMatch(/author\.handle.*author\.followers/)
    expect(reasons[2]).toMatch(/channel/)
    expect(reasons[3]).toMatch(/^payload too large: \d+ bytes, the limit is 65536$/)
    expect(reasons[4]).toMatch(/^invalid mention: ts: /)
    expect(reasons[5]).toBe('invalid UTF-8')
    expect(await storedIds()).toEqual(['m-4'])
  })

  it('pushes each commit to subscribers with the new mentions and volume deltas', async () => {
    const events: EngineEvent[] = []
    const got = new Promise<EngineEvent>((resolve) =>
      engine.subscribe((e) => {
        if (e.type === 'ingested') {
          events.push(e)
          resolve(e)
        }
      })
    )
    await client.publishAsync(TOPIC, json(mention(7, { text: '<b>not html</b>' })), { qos: 1 })
    const e = await got
    expect(e).toMatchObject({
      type: 'ingested',
      inserted: 1,
      deltas: [{ channel: 'twitter', count: 1 }],
      latest: [{ id: 'm-7', text: '<b>not html</b>', author: 'traveller7' }],
      totals: { mentions: 1 }
    })
  })

  it('refuses publishes on the outbound topics: only the engine speaks there', async () => {
    const other = await mqtt.connectAsync(engine.broker.url, { reconnectPeriod: 0 })
    const closed = new Promise<void>((r) => other.once('close', () => r()))
    other.publish('crisis/out/twitter', 'fake statement', { qos: 1 })
    await closed // aedes drops a client whose publish is not authorized
    await other.endAsync(true)
    expect(await health()).toMatchObject({ mentions: 0, deadLetters: 0 })
  })

  it('batches a burst: a thousand QoS 1 publishes in flight at once all land exactly once', async () => {
    await Promise.all(Array.from({ length: 1000 }, (_, i) => client.publishAsync(TOPIC, json(mention(i)), { qos: 1 })))
    expect((await storedIds()).length).toBe(1000)
  })
})

describe('sources that must sign in (a bus on the LAN)', () => {
  it('with DATA/sources.json, anonymous clients and wrong passwords are refused, a listed source publishes', async () => {
    const tmp = makeTempDir('sources')
    const password = 'a source password long enough'
    fs.writeFileSync(
      path.join(tmp.dir, 'sources.json'),
      JSON.stringify({ sources: [{ username: 'listening-tool', password }] }),
      { mode: 0o600 }
    )
    const lan = await startTestEngine({ dataDir: tmp.dir })
    try {
      const refused = (opts: mqtt.IClientOptions) => {
        const c = mqtt.connect(lan.broker.url, { ...opts, reconnectPeriod: 0 })
        return new Promise((resolve, reject) => (c.once('connect', resolve), c.once('error', reject))).finally(() =>
          c.end(true)
        )
      }
      await expect(refused({})).rejects.toThrow(/Not authorized/)
      await expect(refused({ username: 'listening-tool', password: 'a guess that is long enough' })).rejects.toThrow(
        /Not authorized/
      )
      const tool = await mqtt.connectAsync(lan.broker.url, { username: 'listening-tool', password })
      await tool.publishAsync(TOPIC, json(mention(1)), { qos: 1 })
      await tool.endAsync()
      const h = await lan.dispatch('health', {}, asLocal)
      expect(h.ok && h.value).toMatchObject({ mentions: 1 })
    } finally {
      await lan.dispose()
      tmp.remove()
    }
  })

  it('refuses to start on a sources.json others can read', async () => {
    const tmp = makeTempDir('sources-open')
    fs.writeFileSync(
      path.join(tmp.dir, 'sources.json'),
      JSON.stringify({ sources: [{ username: 'x', password: 'a source password long enough' }] }),
      { mode: 0o644 }
    )
    await expect(startTestEngine({ dataDir: tmp.dir })).rejects.toThrow(/must be readable by its owner only: chmod 600/)
    tmp.remove()
  })
})
