// Nothing accepted is lost, and nothing is doubled, across a kill -9 of the engine: the
// real CLI process, killed hard mid-ingest, restarted on the same data directory.
import path from 'node:path'
import mqtt from 'mqtt'
import { afterEach, describe, expect, it } from 'vitest'
import { openDb } from '../../electron/core/store/db'
import { DB_FILE_NAME } from '../../electron/core/engine'
import { watchEvents } from '../support/engine-events'
import { freePort } from '../support/free-port'
import { json, mention } from '../support/mentions'
import { mosquittoPath, startMosquitto, type Mosquitto } from '../support/mosquitto'
import { startServe, type ServeProcess } from '../support/serve-process'
import { makeTempDir } from '../support/temp-dir'

const TOPIC = 'crisis/in/mentions'
const N = 3000
let cleanup: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const c of cleanup.reverse()) await c()
  cleanup = []
})

async function storedIds(dataDir: string): Promise<Set<string>> {
  const db = await openDb(path.join(dataDir, DB_FILE_NAME), { readonly: true })
  try {
    const rows = await db.all<{ id: string; n: number }>('SELECT id, count(*) AS n FROM mentions GROUP BY channel, id')
    expect(rows.every((r) => r.n === 1)).toBe(true)
    return new Set(rows.map((r) => r.id))
  } finally {
    await db.close()
  }
}

async function serveOn(args: string[]): Promise<ServeProcess> {
  const p = await startServe(args)
  cleanup.push(() => p.kill('SIGKILL'))
  return p
}

describe('kill -9 and restart', () => {
  it('embedded broker: every acknowledged mention survives, and the publisher resends the rest once', async () => {
    const tmp = makeTempDir('restart')
    cleanup.push(tmp.remove)
    const mqttPort = await freePort()
    const args = ['--data', tmp.dir, '--http', '127.0.0.1:0', '--mqtt', `127.0.0.1:${mqttPort}`]
    const first = await serveOn(args)

    const source = await mqtt.connectAsync(first.mqttUrl, { clientId: 'restart-source', reconnectPeriod: 100 })
    cleanup.push(() => source.endAsync(true))
    const acked = new Set<string>()
    let killAt: () => void
    const enoughAcked = new Promise<void>((r) => (killAt = r))
    const publishes = Array.from({ length: N }, (_, i) =>
      source.publishAsync(TOPIC, json(mention(i)), { qos: 1 }).then(() => {
        acked.add(`m-${i}`)
        if (acked.size === N / 3) killAt()
      })
    )
    await enoughAcked
    await first.kill('SIGKILL')
    const ackedBeforeKill = new Set(acked)
    expect(ackedBeforeKill.size).toBeGreaterThanOrEqual(N / 3)
    expect(ackedBeforeKill.size).toBeLessThan(N) // the kill really came mid-stream

    await serveOn(args)
    const afterRestart = await storedIds(tmp.dir)
    for (const id of ackedBeforeKill) expect(afterRestart.has(id)).toBe(true)

    await Promise.all(publishes) // mqtt.js resends what was unacknowledged
    const final = await storedIds(tmp.dir)
    expect(final.size).toBe(N)
  })

  it.skipIf(mosquittoPath() === null)(
    'external broker (mosquitto): killed mid-ingest, the engine picks up its session and ends with every mention once',
    async () => {
      const tmp = makeTempDir('restart-ext')
      cleanup.push(tmp.remove)
      const broker: Mosquitto = await startMosquitto()
      cleanup.push(() => broker.stop())
      const args = ['--data', tmp.dir, '--http', '127.0.0.1:0', '--broker', broker.url]
      const first = await serveOn(args)
      const events = await watchEvents(first.httpUrl, await first.token())

      const source = await mqtt.connectAsync(broker.url)
      cleanup.push(() => source.endAsync(true))
      await Promise.all(Array.from({ length: N }, (_, i) => source.publishAsync(TOPIC, json(mention(i)), { qos: 1 })))
      await events.storedAtLeast(1) // kill as early as possible, while most of the stream is in flight
      await first.kill('SIGKILL')
      events.close()

      const second = await serveOn(args)
      const again = await watchEvents(second.httpUrl, await second.token())
      cleanup.push(() => again.close())
      const already = (await storedIds(tmp.dir)).size
      if (already < N) await again.storedAtLeast(N)
      expect((await storedIds(tmp.dir)).size).toBe(N)
      const health = await (await fetch(`${second.httpUrl}/api/health`)).json()
      expect(health.mentions).toBe(N)
    }
  )
})
