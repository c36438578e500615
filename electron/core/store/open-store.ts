// Opens the data folder's store: the writer connection (migrated) and a read connection.
import fs from 'node:fs'
import path from 'node:path'
import { openDb, type Db } from './db'
import { migrate } from './migrations'

export const DB_FILE_NAME = 'crisis-console.sqlite'

export interface Store {
  file: string
  writerDb: Db
  /** reads go through their own connection, so a wall refresh never waits behind a batch */
  readDb: Db
  close(): Promise<void>
}

export async function openStore(dataDir: string, synchronous?: 'FULL' | 'NORMAL'): Promise<Store> {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  const file = path.join(dataDir, DB_FILE_NAME)
  const writerDb = await openDb(file, { synchronous })
  await migrate(writerDb)
  const readDb = await openDb(file, { readonly: true })
  return {
    file,
    writerDb,
    readDb,
    async close() {
      await readDb.close()
      await writerDb.close()
    }
  }
}
