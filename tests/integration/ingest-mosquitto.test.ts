// The same ingest against Debian's mosquitto as a real external broker, with a persistent
// session: what is published while the engine is down arrives when it comes back.
import { spawnSync } from 'node:child_process'
import mqtt from 'mqtt'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseBrokerUrl } from '../../electron/core/bus/broker-url'
import { startEngine, type Engine } from '../../electron/core/engine'
import { json, mention } from '../support/mentions'
import { asLocal } from '../support/test-engine'
import { hasMosquittoClients, mosquittoPath, startMosquitto, type Mosquitto } from '../support/mosquitto'
import { makeTempDir } from '../support/temp-dir'

const TOPIC = 'crisis/in/mentions'
const available = mosquittoPath() !== null

describe.skipIf(!available)(
  `ingest through an external mosquitto broker${available ? '' : ' (mosquitto is not installed)'}`,
  () => {
    let broker: Mosquitto
    let tmp: ReturnType<typeof makeTempDir>
    const engines: Engine[] = []

    const start = async () => {
      const e = await startEngine({
        dataDir: tmp.dir,
        broker: { kind: 'external', target: parseBrokerUrl(broker.url), clientId: 'engine-under-test' },
        version: 'test'
      })
      engines.push(e)
      return e
    }
    const count = async (e: Engine) => {
      const r = await e.dispatch('health', {}, asLocal)
      return r.ok ? (r.value as { mentions: number; deadLetters: number }) : null
    }
    /** Waits for the engine's own commit event until `n` mentions are stored. */
    const storedAtLeast = (e: Engine, n: number) =>
      new Promise<void>((resolve) => {
        const check = async () => (((await count(e))?.mentions ?? 0) >= n ? resolve() : undefined)
        const off = e.subscribe((ev) => void (ev.type === 'ingested' && check().then(() => off)))
        void check()
      })

    beforeEach(async () => {
      broker = await startMosquitto()
      tmp = makeTempDir('ext')
    })
    afterEach(async () => {
      for (const e of engines.splice(0)) await e.stop()
      await broker.stop()
      tmp.remove()
    })

    it('stores what mqtt.js publishes, dead-letters what is bad, and reports the broker in health', async () => {
      const engine = await start()
      const source = await mqtt.connectAsync(broker.url)
      await source.publishAsync(TOPIC, json([mention(1), mention(2)]), { qos: 1 })
      await source.publishAsync(TOPIC, Buffer.from('not json'), { qos: 1 })
      await source.endAsync()
      await storedAtLeast(engine, 2)
      const h = await engine.dispatch('health', {}, asLocal)
      expect(h.ok && h.value).toMatchObject({
        mentions: 2,
        broker: { url: broker.url, embedded: false, connected: true }
      })
      await new Promise<void>((resolve) => {
        const check = async () => (((await count(engine))?.deadLetters ?? 0) >= 1 ? resolve() : undefined)
        engine.subscribe((ev) => void (ev.type === 'ingested' && check()))
        void check()
      })
    })

    it.skipIf(!hasMosquittoClients())('stores what mosquitto_pub publishes', async () => {
      const engine = await start()
      const { port } = broker
      const r = spawnSync('mosquitto_pub', [
        '-h',
        '127.0.0.1',
        '-p',
        String(port),
        '-q',
        '1',
        '-t',
        TOPIC,
        '-m',
        JSON.stringify(mention(9, { channel: 'forum' }))
      ])
      expect(r.status).toBe(0)
      await storedAtLeast(engine, 1)
      const snap = await engine.dispatch('wallSnapshot', { minutes: 60 }, asLocal)
      expect(snap.ok && snap.value).toMatchObject({ latest: [{ id: 'm-9', channel: 'forum' }] })
    })

    it('keeps its session: mentions published while the engine is down arrive after it restarts, once each', async () => {
      const first = await start()
      const source = await mqtt.connectAsync(broker.url)
      await source.publishAsync(TOPIC, json(mention(1)), { qos: 1 })
      await storedAtLeast(first, 1)
      await first.stop()
      engines.splice(0)
      for (let i = 2; i <= 50; i++) await source.publishAsync(TOPIC, json(mention(i)), { qos: 1 })
      await source.publishAsync(TOPIC, json(mention(1)), { qos: 1 }) // a duplicate, too
      await source.endAsync()
      const second = await start()
      await storedAtLeast(second, 50)
      expect((await count(second))?.mentions).toBe(50)
    })

    it('dead-letters hostile nesting once and goes on: no crash, so no crash loop on redelivery', async () => {
      const engine = await start()
      const source = await mqtt.connectAsync(broker.url)
      await source.publishAsync(TOPIC, Buffer.from('['.repeat(10_000) + ']'.repeat(10_000)), { qos: 1 })
      // an unknown field nested 60 deep is within the limit: kept, as unknown fields are
      await source.publishAsync(TOPIC, json({ ...mention(1), extra: JSON.parse('['.repeat(60) + ']'.repeat(60)) }), {
        qos: 1
      })
      await source.publishAsync(TOPIC, json(mention(2)), { qos: 1 })
      await source.endAsync()
      await storedAtLeast(engine, 2)
      const dead = await engine.dispatch('deadLetters', { limit: 10 }, asLocal)
      expect(dead.ok && (dead.value as { reason: string }[]).map((d) => d.reason)).toEqual([
        'nested too deep: more than 64 levels of arrays or objects'
      ])
      expect(await count(engine)).toMatchObject({ mentions: 2, deadLetters: 1 })
    })
  }
)
