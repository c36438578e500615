// Dead letters: every input we could not accept, with the reason, so nothing vanishes.
import type { DeadLetter } from '../../../shared/api'
import type { Db } from './db'

export interface DeadLetterRow {
  source: string
  reason: string
  /** the payload's full size in bytes */
  size: number
  /** the payload (already capped by the caller) */
  payload: Uint8Array
}

/** Call inside a transaction. */
export async function insertDeadLetters(db: Db, rows: readonly DeadLetterRow[], receivedMs: number): Promise<void> {
  if (rows.length === 0) return
  await db.run(
    `INSERT INTO dead_letters (received_ms, source, reason, size, payload)
     SELECT ?, value->>0, value->>1, value->>2, unhex(value->>3) FROM json_each(?)`,
    [receivedMs, JSON.stringify(rows.map((r) => [r.source, r.reason, r.size, Buffer.from(r.payload).toString('hex')]))]
  )
}

export async function countDeadLetters(db: Db): Promise<number> {
  return (await db.get<{ n: number }>('SELECT count(*) AS n FROM dead_letters'))?.n ?? 0
}

const PREVIEW_BYTES = 512

export async function listDeadLetters(db: Db, limit: number): Promise<DeadLetter[]> {
  const rows = await db.all<{
    seq: number
    received_ms: number
    source: string
    reason: string
    size: number
    head: Buffer | null
  }>(
    `SELECT seq, received_ms, source, reason, size, substr(payload, 1, ${PREVIEW_BYTES}) AS head
       FROM dead_letters ORDER BY seq DESC LIMIT ?`,
    [limit]
  )
  return rows.map((r) => ({
    seq: r.seq,
    receivedAt: new Date(r.received_ms).toISOString(),
    source: r.source,
    reason: r.reason,
    size: r.size,
    // lenient decode: invalid UTF-8 is one of the reasons a payload lands here
    preview: r.head ? Buffer.from(r.head).toString('utf8') : ''
  }))
}
