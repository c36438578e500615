// Groups each analyzed slice into echo groups (analyze/echoes.ts): the first mention with a
// key is the original; later ones are its echoes. Call inside the enricher's transaction.
import type { Db } from '../store/db'

/** For each mention with a key: the original it echoes (null for an original). */
export async function assignEchoes(
  db: Db,
  items: readonly { seq: number; echoKey: string | null }[]
): Promise<Map<number, number | null>> {
  const keyed = items.filter((i) => i.echoKey !== null) as { seq: number; echoKey: string }[]
  const result = new Map<number, number | null>()
  if (keyed.length === 0) return result
  const known = new Map(
    (
      await db.all<{ key: string; first_seq: number }>(
        'SELECT key, first_seq FROM echo_groups WHERE key IN (SELECT value FROM json_each(?))',
        [JSON.stringify([...new Set(keyed.map((k) => k.echoKey))])]
      )
    ).map((g) => [g.key, g.first_seq])
  )
  const added = new Map<string, number>()
  for (const i of keyed) {
    const first = known.get(i.echoKey)
    result.set(i.seq, first === undefined || first === i.seq ? null : first)
    if (first === undefined) known.set(i.echoKey, i.seq)
    added.set(i.echoKey, (added.get(i.echoKey) ?? 0) + 1)
  }
  await db.run(
    `INSERT INTO echo_groups (key, first_seq, count) SELECT value->>0, value->>1, value->>2 FROM json_each(?) WHERE true
     ON CONFLICT (key) DO UPDATE SET count = count + excluded.count`,
    [JSON.stringify([...added].map(([key, n]) => [key, known.get(key), n]))]
  )
  await db.run(
    'UPDATE mentions SET echo_key = j.value->>1, echo_of = j.value->>2 FROM json_each(?) AS j WHERE mentions.seq = j.value->>0',
    [JSON.stringify(keyed.map((i) => [i.seq, i.echoKey, result.get(i.seq)]))]
  )
  return result
}
