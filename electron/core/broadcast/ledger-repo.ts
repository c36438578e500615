// The outbox and delivery ledger. Plain functions with the database first; writes are
// called inside a transaction. Every state change appends to delivery_events, so the
// ledger can always say what happened to a delivery and when.
import type {
  AdapterKind,
  ChannelStatus,
  Delivery,
  DeliveryState,
  GatewayPresence,
  OutboundMessage,
  PublicState,
  PublicStatusEntry
} from '../../../shared/broadcast'
import type { Db } from '../store/db'

export interface DeliveryRow {
  id: number
  kind: 'statement' | 'reply'
  broadcast_id: number | null
  statement_id: number | null
  revision: number | null
  mention_seq: number | null
  channel: string
  adapter: AdapterKind
  lang: string
  payload: string
  idempotency_key: string
  state: DeliveryState
  attempts: number
  next_attempt_ms: number | null
  external_id: string | null
  error: string | null
  created_ms: number
  updated_ms: number
  receipt_due_ms: number | null
  resends: number
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())

export const getDeliveryRow = (db: Db, id: number) => db.get<DeliveryRow>('SELECT * FROM deliveries WHERE id = ?', [id])

/** The message as the adapter sends it: the stored payload plus the delivery's own ids. */
export const outboundMessage = (r: DeliveryRow): OutboundMessage => ({
  ...JSON.parse(r.payload),
  deliveryId: r.id,
  idempotencyKey: r.idempotency_key
})

export async function insertBroadcast(
  db: Db,
  b: { statementId: number; revision: number; incidentId: number; actor: string; publicState: PublicState },
  nowMs: number
): Promise<number> {
  const { lastID } = await db.run(
    'INSERT INTO broadcasts (statement_id, revision, incident_id, actor, at_ms, public_state) VALUES (?, ?, ?, ?, ?, ?)',
    [b.statementId, b.revision, b.incidentId, b.actor, nowMs, b.publicState]
  )
  return lastID
}

/** The incident's public state as its last broadcast set it; 'investigating' before any. */
export async function lastPublicState(db: Db, incidentId: number): Promise<PublicState> {
  const r = await db.get<{ s: PublicState | null }>(
    'SELECT public_state AS s FROM broadcasts WHERE incident_id = ? AND public_state IS NOT NULL ORDER BY id DESC LIMIT 1',
    [incidentId]
  )
  return r?.s ?? 'investigating'
}

export async function insertDelivery(
  db: Db,
  d: {
    kind: 'statement' | 'reply'
    broadcastId: number | null
    statementId: number | null
    revision: number | null
    mentionSeq: number | null
    channel: string
    adapter: AdapterKind
    lang: string
    payload: Omit<OutboundMessage, 'deliveryId' | 'idempotencyKey'>
    key: string
  },
  nowMs: number
): Promise<number> {
  const { lastID } = await db.run(
    `INSERT INTO deliveries (kind, broadcast_id, statement_id, revision, mention_seq, channel, adapter, lang, payload, idempotency_key, state, next_attempt_ms, created_ms, updated_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?)`,
    [
      d.kind,
      d.broadcastId,
      d.statementId,
      d.revision,
      d.mentionSeq,
      d.channel,
      d.adapter,
      d.lang,
      JSON.stringify(d.payload),
      d.key,
      nowMs,
      nowMs,
      nowMs
    ]
  )
  await db.run('INSERT INTO delivery_events (delivery_id, at_ms, state, detail) VALUES (?, ?, ?, ?)', [
    lastID,
    nowMs,
    'queued',
    null
  ])
  return lastID
}

/**
 * Moves a delivery from one of `from` to `to`, recording why. Returns false when it was no
 * longer in `from` (someone else moved it first), so callers never overwrite a newer state.
 */
export async function transition(
  db: Db,
  id: number,
  from: readonly DeliveryState[],
  to: DeliveryState,
  nowMs: number,
  change: {
    detail?: string | null
    error?: string | null
    externalId?: string | null
    nextAttemptMs?: number | null
    attempts?: 1 | -1
    /** accepted without a receipt: when it is due */
    receiptDueMs?: number | null
    /** sent again for want of a receipt */
    resent?: boolean
  } = {}
): Promise<boolean> {
  const { changes } = await db.run(
    `UPDATE deliveries SET state = ?, updated_ms = ?,
       error = CASE WHEN ? THEN ? ELSE error END,
       external_id = coalesce(?, external_id),
       next_attempt_ms = ?,
       attempts = attempts + ?,
       receipt_due_ms = ?,
       resends = resends + ?
     WHERE id = ? AND state IN (${from.map(() => '?').join(', ')})`,
    [
      to,
      nowMs,
      change.error !== undefined ? 1 : 0,
      change.error ?? null,
      change.externalId ?? null,
      change.nextAttemptMs ?? null,
      change.attempts ?? 0,
      change.receiptDueMs ?? null,
      change.resent ? 1 : 0,
      id,
      ...from
    ]
  )
  if (changes === 0) return false
  await db.run('INSERT INTO delivery_events (delivery_id, at_ms, state, detail) VALUES (?, ?, ?, ?)', [
    id,
    nowMs,
    to,
    change.detail ?? change.error ?? null
  ])
  return true
}

export async function dueDeliveries(db: Db, nowMs: number, limit: number): Promise<DeliveryRow[]> {
  return db.all<DeliveryRow>(
    "SELECT * FROM deliveries WHERE state = 'queued' AND next_attempt_ms <= ? ORDER BY next_attempt_ms, id LIMIT ?",
    [nowMs, limit]
  )
}

/** The next moment the dispatcher has work: a queued delivery due, or a receipt overdue. */
export async function nextDueMs(db: Db): Promise<number | null> {
  const r = await db.get<{ queued: number | null; receipt: number | null }>(
    `SELECT (SELECT min(next_attempt_ms) FROM deliveries WHERE state = 'queued') AS queued,
            (SELECT min(receipt_due_ms) FROM deliveries WHERE state = 'accepted') AS receipt`
  )
  const times = [r?.queued, r?.receipt].filter((t): t is number => typeof t === 'number')
  return times.length ? Math.min(...times) : null
}

/** Accepted deliveries whose receipt is overdue. */
export async function receiptsOverdue(db: Db, nowMs: number, limit: number): Promise<DeliveryRow[]> {
  return db.all<DeliveryRow>(
    "SELECT * FROM deliveries WHERE state = 'accepted' AND receipt_due_ms <= ? ORDER BY receipt_due_ms, id LIMIT ?",
    [nowMs, limit]
  )
}

/** A gateway subscribed on `channel`: its deliveries waiting for one may go now. */
export async function gatewayBack(db: Db, channel: string, nowMs: number): Promise<number> {
  const { changes } = await db.run(
    "UPDATE deliveries SET next_attempt_ms = ? WHERE state = 'queued' AND adapter = 'mqtt' AND channel = ? AND next_attempt_ms > ?",
    [nowMs, channel, nowMs]
  )
  return changes
}

/** The broker is back: MQTT deliveries backing off because it was away may go now. */
export async function brokerBack(db: Db, nowMs: number): Promise<void> {
  await db.run(
    "UPDATE deliveries SET next_attempt_ms = ? WHERE state = 'queued' AND adapter = 'mqtt' AND next_attempt_ms > ?",
    [nowMs, nowMs]
  )
}

export async function interruptedDeliveries(db: Db): Promise<DeliveryRow[]> {
  return db.all<DeliveryRow>("SELECT * FROM deliveries WHERE state = 'sending'")
}

/** Statement deliveries still waiting on `channel`, from other statements: a newer one replaces them. */
export async function waitingOnChannel(db: Db, channel: string, statementId: number): Promise<number[]> {
  return (
    await db.all<{ id: number }>(
      "SELECT id FROM deliveries WHERE kind = 'statement' AND channel = ? AND state = 'queued' AND statement_id <> ?",
      [channel, statementId]
    )
  ).map((r) => r.id)
}

/** Deliveries of this revision on this channel that are on their way or done (a second broadcast would post twice). */
export async function liveDeliveries(
  db: Db,
  statementId: number,
  revision: number,
  channel: string
): Promise<DeliveryRow[]> {
  return db.all<DeliveryRow>(
    "SELECT * FROM deliveries WHERE statement_id = ? AND revision = ? AND channel = ? AND state NOT IN ('failed', 'cancelled', 'superseded')",
    [statementId, revision, channel]
  )
}

export async function toDelivery(db: Db, r: DeliveryRow): Promise<Delivery> {
  const events = await db.all<{ at_ms: number; state: DeliveryState; detail: string | null }>(
    'SELECT at_ms, state, detail FROM delivery_events WHERE delivery_id = ? ORDER BY id',
    [r.id]
  )
  return {
    id: r.id,
    kind: r.kind,
    statementId: r.statement_id,
    revision: r.revision,
    mentionSeq: r.mention_seq,
    channel: r.channel,
    adapter: r.adapter,
    lang: r.lang,
    state: r.state,
    attempts: r.attempts,
    nextAttemptAt: r.state === 'queued' ? iso(r.next_attempt_ms) : null,
    externalId: r.external_id,
    error: r.error,
    idempotencyKey: r.idempotency_key,
    createdAt: iso(r.created_ms) as string,
    updatedAt: iso(r.updated_ms) as string,
    history: events.map((e) => ({ at: iso(e.at_ms) as string, state: e.state, detail: e.detail }))
  }
}

export async function listDeliveries(db: Db, statementId: number | undefined, limit: number): Promise<Delivery[]> {
  const rows =
    statementId === undefined
      ? await db.all<DeliveryRow>('SELECT * FROM deliveries ORDER BY id DESC LIMIT ?', [limit])
      : await db.all<DeliveryRow>('SELECT * FROM deliveries WHERE statement_id = ? ORDER BY id LIMIT ?', [
          statementId,
          limit
        ])
  return Promise.all(rows.map((r) => toDelivery(db, r)))
}

/** Per configured channel: its newest statement delivery, and the last statement it confirmed. */
export async function channelStatuses(
  db: Db,
  channels: readonly { id: string; adapter: AdapterKind }[],
  presence: (channel: string, adapter: AdapterKind) => Promise<GatewayPresence>
): Promise<ChannelStatus[]> {
  return Promise.all(
    channels.map(async (c) => {
      const last = await db.get<DeliveryRow>(
        "SELECT * FROM deliveries WHERE kind = 'statement' AND channel = ? ORDER BY id DESC LIMIT 1",
        [c.id]
      )
      const confirmed = await db.get<{ updated_ms: number; statement_id: number }>(
        "SELECT updated_ms, statement_id FROM deliveries WHERE kind = 'statement' AND channel = ? AND state = 'confirmed' ORDER BY id DESC LIMIT 1",
        [c.id]
      )
      return {
        channel: c.id,
        adapter: c.adapter,
        state: last?.state ?? null,
        deliveryId: last?.id ?? null,
        statementId: last?.statement_id ?? null,
        revision: last?.revision ?? null,
        confirmedAt: iso(confirmed?.updated_ms ?? null),
        confirmedStatement: confirmed?.statement_id ?? null,
        error: last?.state === 'failed' || last?.state === 'unconfirmed' ? last.error : null,
        gateway: await presence(c.id, c.adapter)
      }
    })
  )
}

/** What the public status page shows: statements confirmed on the status-page channels, newest first. */
export async function publishedOnStatusPage(
  db: Db,
  channelIds: readonly string[],
  limit: number
): Promise<PublicStatusEntry[]> {
  if (!channelIds.length) return []
  const rows = await db.all<{
    id: number
    statement_id: number
    revision: number
    lang: string
    payload: string
    updated_ms: number
    title: string
    state: PublicState | null
  }>(
    `SELECT d.id, d.statement_id, d.revision, d.lang, d.payload, d.updated_ms, s.title, b.public_state AS state FROM deliveries d JOIN statements s ON s.id = d.statement_id
      LEFT JOIN broadcasts b ON b.id = d.broadcast_id
      WHERE d.kind = 'statement' AND d.state = 'confirmed' AND d.channel IN (${channelIds.map(() => '?').join(', ')})
      ORDER BY d.updated_ms DESC, d.id DESC LIMIT ?`,
    [...channelIds, limit]
  )
  return rows.map((r) => ({
    state: r.state ?? 'investigating',
    id: r.id,
    statementId: r.statement_id,
    revision: r.revision,
    lang: r.lang,
    title: r.title,
    text: JSON.parse(r.payload).text,
    publishedAt: new Date(r.updated_ms).toISOString()
  }))
}
