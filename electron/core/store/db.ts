// A small promise wrapper over node-sqlite3. Every statement binds its parameters; nothing
// is ever interpolated into SQL.
import sqlite3 from 'sqlite3'

export type SqlParams = readonly unknown[] | Record<string, unknown>

export interface Db {
  readonly file: string
  run(sql: string, params?: SqlParams): Promise<{ changes: number; lastID: number }>
  get<T>(sql: string, params?: SqlParams): Promise<T | undefined>
  all<T>(sql: string, params?: SqlParams): Promise<T[]>
  exec(sql: string): Promise<void>
  /**
   * Runs `work` inside BEGIN ... COMMIT, rolling back if it throws. IMMEDIATE (default)
   * for writes; DEFERRED for a consistent read of several statements. Transactions
   * on one connection are queued, never interleaved: statements of two concurrent callers
   * would otherwise land in the same transaction.
   */
  transaction<T>(work: () => Promise<T>, mode?: 'IMMEDIATE' | 'DEFERRED'): Promise<T>
  close(): Promise<void>
}

export interface OpenOptions {
  /**
   * 'FULL' survives power loss (an fsync per commit); 'NORMAL' in WAL mode survives a
   * crash of the process, which is what "acknowledged means stored" needs against
   * kill -9, at far less cost. Default: 'FULL' for the writer, since a war room's laptop
   * may lose power too and group commit keeps the fsync cost per batch, not per mention.
   */
  synchronous?: 'FULL' | 'NORMAL'
  readonly?: boolean
}

export async function openDb(file: string, options: OpenOptions = {}): Promise<Db> {
  const mode = options.readonly ? sqlite3.OPEN_READONLY : sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE
  const raw = await new Promise<sqlite3.Database>((resolve, reject) => {
    const d = new sqlite3.Database(file, mode, (err) => (err ? reject(err) : resolve(d)))
  })
  const db = wrap(file, raw)
  await db.exec('PRAGMA busy_timeout = 5000')
  if (!options.readonly) {
    await db.exec('PRAGMA journal_mode = WAL')
    await db.exec(`PRAGMA synchronous = ${options.synchronous ?? 'FULL'}`)
  }
  await db.exec('PRAGMA foreign_keys = ON')
  return db
}

function wrap(file: string, raw: sqlite3.Database): Db {
  let queue: Promise<unknown> = Promise.resolve()
  const db: Db = {
    file,
    run: (sql, params = []) =>
      new Promise((resolve, reject) => {
        raw.run(sql, params as unknown[], function (this: sqlite3.RunResult, err: Error | null) {
          if (err) reject(err)
          else resolve({ changes: this.changes, lastID: this.lastID })
        })
      }),
    get: <T>(sql: string, params: SqlParams = []) =>
      new Promise<T | undefined>((resolve, reject) => {
        raw.get(sql, params as unknown[], (err: Error | null, row: T) => (err ? reject(err) : resolve(row)))
      }),
    all: <T>(sql: string, params: SqlParams = []) =>
      new Promise<T[]>((resolve, reject) => {
        raw.all(sql, params as unknown[], (err: Error | null, rows: T[]) => (err ? reject(err) : resolve(rows)))
      }),
    exec: (sql) => new Promise((resolve, reject) => raw.exec(sql, (err) => (err ? reject(err) : resolve()))),
    transaction(work, mode = 'IMMEDIATE') {
      const run = queue.then(async () => {
        await db.exec(`BEGIN ${mode}`)
        try {
          const value = await work()
          await db.exec('COMMIT')
          return value
        } catch (err) {
          await db.exec('ROLLBACK').catch(() => undefined)
          throw err
        }
      })
      queue = run.catch(() => undefined)
      return run
    },
    close: () => new Promise((resolve, reject) => raw.close((err) => (err ? reject(err) : resolve())))
  }
  return db
}
