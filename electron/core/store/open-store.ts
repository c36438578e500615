// Opens the data folder's store: the writer connection (migrated), a read connection, and
// a second read connection for the few reads that may cross a whole table.
import fs from 'node:fs'
import path from 'node:path'
import { openDb, type Db } from './db'
import { migrate } from './migrations'

export const DB_FILE_NAME = 'crisis-console.sqlite'

/**
 * The store holds the public's words and the team's accounts: it is readable by its
 * owner only (0600), whatever folder --data names and whatever the umask. SQLite gives
 * the -wal and -shm files the main file's mode, so creating that one 0600 first covers
 * them; files an older version left readable are narrowed too.
 */
export function keepOwnerOnly(file: string): void {
  fs.closeSync(fs.openSync(file, 'a', 0o600))
  if (process.platform === 'win32') return
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) {
    try {
      if ((fs.statSync(f).mode & 0o077) !== 0) fs.chmodSync(f, 0o600)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
    }
  }
}

export interface Store {
  file: string
  writerDb: Db
  /** reads go through their own connection, so a wall refresh never waits behind a batch */
  readDb: Db
  /**
   * for reads that may cross a whole table (a queue search for a phrase few mentions hold):
   * a connection of their own, so a wall snapshot or a queue page never waits behind one
   */
  scanDb: Db
  close(): Promise<void>
}

export async function openStore(dataDir: string, synchronous?: 'FULL' | 'NORMAL'): Promise<Store> {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  const file = path.join(dataDir, DB_FILE_NAME)
  keepOwnerOnly(file)
  const writerDb = await openDb(file, { synchronous })
  await migrate(writerDb)
  const readDb = await openDb(file, { readonly: true })
  const scanDb = await openDb(file, { readonly: true })
  return {
    file,
    writerDb,
    readDb,
    scanDb,
    async close() {
      await scanDb.close()
      await readDb.close()
      await writerDb.close()
    }
  }
}
