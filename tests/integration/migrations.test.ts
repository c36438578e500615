// Migrations on a real SQLite file: ordered, each from the version before it, never lossy.
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDb, type Db } from '../../electron/core/store/db'
import { LATEST_VERSION, migrate, MIGRATIONS } from '../../electron/core/store/migrations'
import { makeTempDir } from '../support/temp-dir'

let cleanup: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanup.reverse()) await c()
  cleanup = []
})

async function freshDb(): Promise<Db> {
  const tmp = makeTempDir('migrate')
  const db = await openDb(path.join(tmp.dir, 'store.sqlite'))
  cleanup.push(async () => {
    await db.close()
    tmp.remove()
  })
  return db
}

const version = async (db: Db) => (await db.get<{ user_version: number }>('PRAGMA user_version'))!.user_version

describe('migrations', () => {
  it('are numbered 1..n in order', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1))
  })

  it('bring an empty database to the latest version, in WAL mode with STRICT tables', async () => {
    const db = await freshDb()
    expect(await migrate(db)).toBe(LATEST_VERSION)
    expect(await version(db)).toBe(LATEST_VERSION)
    expect((await db.get<{ journal_mode: string }>('PRAGMA journal_mode'))!.journal_mode).toBe('wal')
    const tables = await db.all<{ name: string; strict: number }>(
      "SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    expect(tables.map((t) => t.name).sort()).toEqual([
      'account_log',
      'alert_monitor',
      'alerts',
      'broadcasts',
      'dead_letters',
      'deliveries',
      'delivery_events',
      'echo_groups',
      'enrichment_progress',
      'feeds',
      'incident_events',
      'incidents',
      'knowledge_entries',
      'knowledge_uses',
      'mention_topics',
      'mentions',
      'minute_lang',
      'minute_sentiment',
      'minute_volume',
      'queue_events',
      'queue_items',
      'sessions',
      'statement_reviews',
      'statement_revisions',
      'statements',
      'templates',
      'tracking_rules',
      'users',
      'wall_devices',
      'wall_layouts'
    ])
    expect(tables.every((t) => t.strict === 1)).toBe(true)
  })

  it('v1 -> v2 keeps the mentions a v1 database holds', async () => {
    const db = await freshDb()
    await migrate(db, 1)
    expect(await version(db)).toBe(1)
    await db.run(
      "INSERT INTO mentions (channel, id, ts_ms, received_ms, author_handle, followers, lang, text, doc) VALUES ('twitter', 'a', 1, 2, 'h', 3, NULL, 't', '{}')"
    )
    await migrate(db, 2)
    expect(await version(db)).toBe(2)
    expect(await db.all('SELECT channel, id FROM mentions')).toEqual([{ channel: 'twitter', id: 'a' }])
    await db.run("INSERT INTO incidents (name, drill, started_ms) VALUES ('x', 0, 1)")
  })

  it('v2 -> v3 puts every stored mention in the response queue and keeps incidents, defaulting their severity', async () => {
    const db = await freshDb()
    await migrate(db, 2)
    await db.run(
      "INSERT INTO mentions (channel, id, ts_ms, received_ms, author_handle, followers, lang, text, doc) VALUES ('sms', 'b', 1, 2, 'h', 3, NULL, 't', '{}')"
    )
    await db.run("INSERT INTO incidents (name, drill, started_ms) VALUES ('old', 1, 5)")
    await migrate(db, 3)
    expect(await version(db)).toBe(3)
    expect(await db.all('SELECT mention_seq, status, arrival_ms FROM queue_items')).toEqual([
      { mention_seq: 1, status: 'open', arrival_ms: 2 }
    ])
    expect(await db.all('SELECT name, severity, time_zone, on_wall FROM incidents')).toEqual([
      { name: 'old', severity: 'SEV3', time_zone: 'UTC', on_wall: 0 }
    ])
  })

  it('v3 -> v4 keeps incidents and the queue, and adds statements and a searchable knowledge bank', async () => {
    const db = await freshDb()
    await migrate(db, 3)
    await db.run("INSERT INTO incidents (name, drill, started_ms) VALUES ('kept', 0, 5)")
    await migrate(db, 4)
    expect(await version(db)).toBe(4)
    expect(await db.all('SELECT name FROM incidents')).toEqual([{ name: 'kept' }])
    await db.run(
      "INSERT INTO knowledge_fts (rowid, lang, question, answer) VALUES (1, 'fi', 'lento peru', 'varaa uudelleen')"
    )
    expect(await db.all("SELECT rowid FROM knowledge_fts WHERE knowledge_fts MATCH 'lento'")).toEqual([{ rowid: 1 }])
  })

  it('are idempotent: running them again changes nothing', async () => {
    const db = await freshDb()
    await migrate(db)
    await expect(migrate(db)).resolves.toBe(LATEST_VERSION)
  })

  it('refuse a database from a newer build instead of corrupting it', async () => {
    const db = await freshDb()
    await db.exec(`PRAGMA user_version = ${LATEST_VERSION + 1}`)
    await expect(migrate(db)).rejects.toThrow(/newer than this build knows/)
  })
})
