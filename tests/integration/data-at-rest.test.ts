// The store is readable by its owner only, whatever the umask or the folder (issue 21).
import fs from 'node:fs'
import path from 'node:path'
import mqtt from 'mqtt'
import { afterEach, describe, expect, it } from 'vitest'
import { DB_FILE_NAME } from '../../electron/core/engine'
import { json, mention } from '../support/mentions'
import { startTestEngine } from '../support/test-engine'
import { makeTempDir } from '../support/temp-dir'

const modeOf = (f: string) => fs.statSync(f).mode & 0o777
const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

describe('data at rest', () => {
  it('creates the SQLite file and its -wal and -shm 0600 under a permissive umask', async () => {
    const old = process.umask(0o022)
    cleanups.push(() => void process.umask(old))
    const dir = makeTempDir('at-rest')
    cleanups.push(() => dir.remove())
    fs.chmodSync(dir.dir, 0o755) // a folder the user chose, open to others
    const engine = await startTestEngine({ dataDir: dir.dir })
    cleanups.push(() => engine.stop())
    const client = await mqtt.connectAsync(engine.broker.url)
    await client.publishAsync('crisis/in/mentions', json(mention(1)), { qos: 1 })
    await client.endAsync()
    const file = path.join(dir.dir, DB_FILE_NAME)
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect([f, modeOf(f)]).toEqual([f, 0o600])
  })

  it('narrows a store an older version left readable to others', async () => {
    const dir = makeTempDir('at-rest-old')
    cleanups.push(() => dir.remove())
    const first = await startTestEngine({ dataDir: dir.dir })
    await first.stop()
    const file = path.join(dir.dir, DB_FILE_NAME)
    fs.chmodSync(file, 0o644)
    const again = await startTestEngine({ dataDir: dir.dir })
    cleanups.push(() => again.stop())
    expect(modeOf(file)).toBe(0o600)
  })
})

describe('a port already taken', () => {
  it('fails the start and lets go of the data folder, so the next start on it works', async () => {
    const first = await startTestEngine()
    cleanups.push(() => first.dispose())
    const port = Number(new URL(first.broker.url).port)
    const dir = makeTempDir('port-taken')
    cleanups.push(() => dir.remove())
    await expect(
      startTestEngine({ dataDir: dir.dir, broker: { kind: 'embedded', host: '127.0.0.1', port } })
    ).rejects.toThrow(/EADDRINUSE/)
    const again = await startTestEngine({ dataDir: dir.dir }) // the broker's session store is not left locked
    cleanups.push(() => again.stop())
    expect((await again.dispatch('health', {}, { actor: null })).ok).toBe(true)
  })
})
