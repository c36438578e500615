// Group commit on a real SQLite file.
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BatchWriter, type CommittedBatch } from '../../electron/core/ingest/batch-writer'
import { toRow } from '../../electron/core/ingest/parse-payload'
import { openDb, type Db } from '../../electron/core/store/db'
import { migrate } from '../../electron/core/store/migrations'
import { mention } from '../support/mentions'
import { makeTempDir } from '../support/temp-dir'

let db: Db
let tmp: ReturnType<typeof makeTempDir>
beforeEach(async () => {
  tmp = makeTempDir('writer')
  db = await openDb(path.join(tmp.dir, 's.sqlite'))
  await migrate(db)
})
afterEach(async () => {
  await db.close().catch(() => undefined)
  tmp.remove()
})

const count = async () => (await db.get<{ n: number }>('SELECT count(*) AS n FROM mentions'))!.n

describe('BatchWriter', () => {
  it('commits everything submitted in one turn as one transaction, then releases every submitter', async () => {
    const commits: CommittedBatch[] = []
    const writer = new BatchWriter(db, { onCommit: (b) => commits.push(b) })
    await Promise.all(Array.from({ length: 200 }, (_, i) => writer.submit([toRow(mention(i))], [])))
    expect(commits).toHaveLength(1)
    expect(commits[0]).toMatchObject({ submitted: 200, duplicates: 0 })
    expect(await count()).toBe(200)
  })

  it('while a transaction runs, gathers the next arrivals into the following one', async () => {
    const commits: CommittedBatch[] = []
    const writer = new BatchWriter(db, { onCommit: (b) => commits.push(b) })
    const first = writer.submit([toRow(mention(0))], [])
    await new Promise((r) => setImmediate(r)) // the first transaction is now under way
    const rest = Array.from({ length: 50 }, (_, i) => writer.submit([toRow(mention(i + 1))], []))
    await Promise.all([first, ...rest])
    expect(commits.map((c) => c.submitted)).toEqual([1, 50])
  })

  it('rejects every submitter of a batch whose transaction fails, storing none of it', async () => {
    const writer = new BatchWriter(db)
    await db.exec('DROP TABLE minute_volume') // the second statement of the batch will fail
    const results = await Promise.allSettled([
      writer.submit([toRow(mention(1))], []),
      writer.submit([toRow(mention(2))], [])
    ])
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected'])
    expect(await count()).toBe(0)
  })

  it('close() waits for what was submitted, then refuses new work', async () => {
    const writer = new BatchWriter(db)
    const pending = writer.submit([toRow(mention(1))], [])
    await writer.close()
    await pending
    expect(await count()).toBe(1)
    await expect(writer.submit([toRow(mention(2))], [])).rejects.toThrow(/closed/)
  })
})
