// Append-only, ordered migrations. Never edit a shipped one: add the next version.
import type { Db } from '../db'
import { migration0001 } from './0001-mentions'
import { migration0002 } from './0002-incidents'
import { migration0003 } from './0003-team'
import { migration0004 } from './0004-statements'
import { migration0005 } from './0005-broadcast'
import { migration0006 } from './0006-enrichment'
import { migration0007 } from './0007-alerts'
import { migration0008 } from './0008-review'
import { migration0009 } from './0009-walls'
import { migration0010 } from './0010-feeds'
import { migration0011 } from './0011-intent'
import { migration0012 } from './0012-echoes'
import { migration0013 } from './0013-tracking'
import { migration0014 } from './0014-account-log'
import { migration0015 } from './0015-queue-indexes'
import { migration0016 } from './0016-unconfirmed'
import { migration0017 } from './0017-withdrawn-statements'
import { migration0018 } from './0018-public-state'

export interface Migration {
  version: number
  name: string
  sql: string
  /**
   * Rebuilds a table others refer to (SQLite's 12 steps): foreign keys are off for it,
   * which only works outside a transaction, and checked before the commit.
   */
  foreignKeysOff?: boolean
}

export const MIGRATIONS: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
  migration0009,
  migration0010,
  migration0011,
  migration0012,
  migration0013,
  migration0014,
  migration0015,
  migration0016,
  migration0017,
  migration0018
]

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version

/**
 * Brings the database up to `target` (default: latest), each migration in its own
 * transaction together with its user_version bump, so a crash leaves a whole version.
 */
export async function migrate(db: Db, target: number = LATEST_VERSION): Promise<number> {
  const current = (await db.get<{ user_version: number }>('PRAGMA user_version'))?.user_version ?? 0
  if (current > LATEST_VERSION) {
    throw new Error(
      `database ${db.file} is at schema version ${current}, newer than this build knows (${LATEST_VERSION}); use a newer Crisis Console`
    )
  }
  for (const m of MIGRATIONS) {
    if (m.version <= current || m.version > target) continue
    if (m.foreignKeysOff) await db.exec('PRAGMA foreign_keys = OFF')
    try {
      await db.transaction(async () => {
        await db.exec(m.sql)
        if (m.foreignKeysOff) {
          const broken = await db.all('PRAGMA foreign_key_check')
          if (broken.length)
            throw new Error(`migration ${m.version}: ${broken.length} rows would lose what they refer to`)
        }
        await db.exec(`PRAGMA user_version = ${m.version}`)
      })
    } finally {
      if (m.foreignKeysOff) await db.exec('PRAGMA foreign_keys = ON')
    }
  }
  return Math.max(current, Math.min(target, LATEST_VERSION))
}
