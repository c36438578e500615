// The response queue: every stored mention joins it; people claim, assign, reply, mark,
// escalate and annotate items. Plain functions with the database first.
import type { MentionSummary } from '../../../shared/api'
import { priorityFactors, priorityNow, rankOf, type PriorityFactors } from '../../../shared/priority'
import type { MentionAnalysis, QueueEvent, QueueItem, QueueStatus, Role } from '../../../shared/team'
import type { Db } from '../store/db'
import { summaryColumns, toSummary, type SummaryRow } from '../store/mentions-repo'

/** Adds freshly stored mentions to the queue. Call inside the ingest transaction. */
export async function enqueueMentions(db: Db, stored: readonly MentionSummary[], arrivalMs: number): Promise<void> {
  if (stored.length === 0) return
  const rows = stored.map((m) => {
    const f = priorityFactors(m.text, m.followers)
    return [m.seq, f.reach, f.negativity, f.urgency, f.question, rankOf(f, arrivalMs)]
  })
  await db.run(
    `INSERT INTO queue_items (mention_seq, arrival_ms, reach, negativity, urgency, question, rank)
     SELECT value->>0, ?, value->>1, value->>2, value->>3, value->>4, value->>5 FROM json_each(?)`,
    [arrivalMs, JSON.stringify(rows)]
  )
}

interface QueueRow extends SummaryRow {
  arrival_ms: number
  status: QueueStatus
  claimed_by: number | null
  claimed_by_name: string | null
  claimed_ms: number | null
  assignee_user: number | null
  assignee_name: string | null
  assignee_role: Role | null
  escalated_to: Role | null
  reach: number
  negativity: number
  urgency: number
  question: number
  version: number
  sentiment: number | null
  sentiment_label: 'negative' | 'neutral' | 'positive' | null
  intent: MentionAnalysis['intent'] | null
  urgent: string | null
  personal: string | null
  detected_lang: string | null
  echo_of: number | null
  echo_count: number | null
}

const SELECT = `
  SELECT ${summaryColumns('m')},
         q.arrival_ms, q.status, q.claimed_by, q.claimed_by_name, q.claimed_ms, q.assignee_user, au.name AS assignee_name,
         q.assignee_role, q.escalated_to, q.reach, q.negativity, q.urgency, q.question, q.version,
         m.sentiment, m.sentiment_label, m.intent, m.urgent, m.personal, m.detected_lang, m.echo_of,
         (SELECT g.count FROM echo_groups g WHERE g.key = m.echo_key) AS echo_count
    FROM queue_items q JOIN mentions m ON m.seq = q.mention_seq LEFT JOIN users au ON au.id = q.assignee_user`

export function toQueueItem(r: QueueRow, nowMs: number, slaMinutes: number): QueueItem {
  const factors: PriorityFactors = {
    reach: r.reach,
    negativity: r.negativity,
    urgency: r.urgency,
    question: r.question
  }
  const dueMs = r.arrival_ms + slaMinutes * 60_000
  const waiting = r.status === 'open' || r.status === 'escalated'
  return {
    seq: r.seq,
    mention: toSummary(r),
    arrivalAt: new Date(r.arrival_ms).toISOString(),
    status: r.status,
    // claimed_by_name says whether it is held; claimed_by is null for the local operator
    claimedBy: r.claimed_by_name !== null ? { id: r.claimed_by, name: r.claimed_by_name } : null,
    claimedAt: r.claimed_ms !== null ? new Date(r.claimed_ms).toISOString() : null,
    assignee: {
      user: r.assignee_user !== null ? { id: r.assignee_user, name: r.assignee_name ?? '?' } : null,
      role: r.assignee_role
    },
    escalatedTo: r.escalated_to,
    priority: { ...priorityNow(factors, r.arrival_ms, nowMs), factors },
    sla: { targetMinutes: slaMinutes, dueAt: new Date(dueMs).toISOString(), breached: waiting && nowMs > dueMs },
    analysis:
      r.sentiment_label !== null
        ? {
            sentiment: r.sentiment ?? 0,
            label: r.sentiment_label,
            intent: r.intent ?? 'information',
            urgent: JSON.parse(r.urgent ?? '[]'),
            personal: JSON.parse(r.personal ?? '[]'),
            lang: r.detected_lang,
            echoOf: r.echo_of,
            echoes: Math.max(0, (r.echo_count ?? 1) - 1)
          }
        : null,
    version: r.version
  }
}

export interface QueueFilter {
  status: QueueStatus | 'active' | 'all'
  channel?: string
  lang?: string
  sentiment?: 'negative' | 'neutral' | 'positive'
  claimedBy?: number
  /** assigned to this member, or to one of these roles */
  assignedTo?: { userId: number | null; roles: readonly Role[] }
  /** a phrase in the text or the handle */
  q?: string
  limit: number
}

/**
 * LIKE patterns for a phrase: SQLite folds only ASCII letters, so a phrase with others also
 * goes in lower case, upper case and capitalised, which covers "ärger", "Ärger" and "ÄRGER".
 */
export function phrasePatterns(phrase: string): string[] {
  const escaped = phrase.replace(/[\\%_]/g, (c) => `\\${c}`)
  if (!/[^\p{ASCII}]/u.test(escaped)) return [`%${escaped}%`] // each pattern costs a pass over the text
  const lower = escaped.toLocaleLowerCase()
  const forms = [escaped, lower, escaped.toLocaleUpperCase(), lower.charAt(0).toLocaleUpperCase() + lower.slice(1)]
  return [...new Set(forms)].map((f) => `%${f}%`)
}

/** 'active' = what still needs a human: open or escalated. Highest priority first. */
export async function listQueue(db: Db, f: QueueFilter): Promise<QueueRow[]> {
  const where: string[] = []
  const params: unknown[] = []
  const and = (clause: string, value?: unknown) => {
    where.push(clause)
    if (value !== undefined) params.push(value)
  }
  if (f.status === 'active') and("q.status IN ('open', 'escalated')")
  else if (f.status !== 'all') and('q.status = ?', f.status)
  if (f.channel) and('m.channel = ?', f.channel)
  if (f.lang) and('coalesce(m.detected_lang, m.lang) = ?', f.lang)
  if (f.sentiment) and('m.sentiment_label = ?', f.sentiment)
  if (f.claimedBy !== undefined) and('q.claimed_by = ?', f.claimedBy)
  if (f.assignedTo) {
    const { userId, roles } = f.assignedTo
    // the first clause repeats the partial index's condition, so the index can serve
    where.push('(q.assignee_user IS NOT NULL OR q.assignee_role IS NOT NULL)')
    where.push(`(q.assignee_user = ? OR q.assignee_role IN (${roles.map(() => '?').join(', ') || 'NULL'}))`)
    params.push(userId ?? -1, ...roles)
  }
  if (f.q) {
    const patterns = phrasePatterns(f.q)
    where.push(
      `(${patterns.map(() => "m.text LIKE ? ESCAPE '\\' OR m.author_handle LIKE ? ESCAPE '\\'").join(' OR ')})`
    )
    for (const p of patterns) params.push(p, p)
  }
  params.push(f.limit)
  // The waiting views pin their partial index: the planner, without statistics, would sort
  // every waiting item instead of walking them in rank order. "For me" walks only the
  // assigned ones.
  const index = f.status !== 'active' ? null : f.assignedTo ? 'queue_assigned_by_rank' : 'queue_active_by_rank'
  const from = index ? SELECT.replace('FROM queue_items q', `FROM queue_items q INDEXED BY ${index}`) : SELECT
  return db.all<QueueRow>(
    `${from} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY q.rank DESC LIMIT ?`,
    params
  )
}

export const getQueueRow = (db: Db, seq: number) => db.get<QueueRow>(`${SELECT} WHERE q.mention_seq = ?`, [seq])

/** The waiting echoes of an original (its retweets and copies), with who holds each. */
export const waitingEchoes = (db: Db, originalSeq: number) =>
  db.all<{ seq: number; claimed_by: number | null; claimed_by_name: string | null }>(
    `SELECT q.mention_seq AS seq, q.claimed_by, q.claimed_by_name FROM mentions m JOIN queue_items q ON q.mention_seq = m.seq
      WHERE m.echo_of = ? AND q.status IN ('open', 'escalated') ORDER BY q.mention_seq`,
    [originalSeq]
  )

export type QueueChange =
  | { set: 'claim'; userId: number | null; name: string; atMs: number }
  | { set: 'release' }
  | { set: 'assign'; userId: number | null; role: Role | null }
  | { set: 'status'; status: QueueStatus; atMs: number; escalatedTo?: Role }

/** Applies one change and bumps the item's version. Call inside a transaction. */
export async function updateQueueItem(db: Db, seq: number, change: QueueChange): Promise<void> {
  const sql = {
    claim:
      'UPDATE queue_items SET claimed_by = ?, claimed_by_name = ?, claimed_ms = ?, version = version + 1 WHERE mention_seq = ?',
    release:
      'UPDATE queue_items SET claimed_by = NULL, claimed_by_name = NULL, claimed_ms = NULL, version = version + 1 WHERE mention_seq = ?',
    assign: 'UPDATE queue_items SET assignee_user = ?, assignee_role = ?, version = version + 1 WHERE mention_seq = ?',
    status: `UPDATE queue_items SET status = ?, escalated_to = ?, handled_ms = CASE WHEN ? IN ('open', 'escalated') THEN NULL ELSE ? END,
               version = version + 1 WHERE mention_seq = ?`
  }[change.set]
  const params =
    change.set === 'claim'
      ? [change.userId, change.name, change.atMs, seq]
      : change.set === 'release'
        ? [seq]
        : change.set === 'assign'
          ? [change.userId, change.role, seq]
          : [change.status, change.escalatedTo ?? null, change.status, change.atMs, seq]
  await db.run(sql, params)
}

export async function addQueueEvent(
  db: Db,
  seq: number,
  actor: string,
  type: string,
  data: Record<string, unknown>,
  nowMs: number
): Promise<void> {
  await db.run('INSERT INTO queue_events (mention_seq, at_ms, actor, type, data) VALUES (?, ?, ?, ?, ?)', [
    seq,
    nowMs,
    actor,
    type,
    JSON.stringify(data)
  ])
}

export async function queueHistory(db: Db, seq: number): Promise<QueueEvent[]> {
  const rows = await db.all<{ id: number; at_ms: number; actor: string; type: string; data: string }>(
    'SELECT id, at_ms, actor, type, data FROM queue_events WHERE mention_seq = ? ORDER BY id',
    [seq]
  )
  return rows.map((r) => ({
    id: r.id,
    at: new Date(r.at_ms).toISOString(),
    actor: r.actor,
    type: r.type,
    data: JSON.parse(r.data)
  }))
}

export async function mentionDocument(db: Db, seq: number): Promise<Record<string, unknown>> {
  const row = await db.get<{ doc: string }>('SELECT doc FROM mentions WHERE seq = ?', [seq])
  return row ? JSON.parse(row.doc) : {}
}

export async function authorMentions(db: Db, seq: number, limit: number): Promise<MentionSummary[]> {
  const rows = await db.all<SummaryRow>(
    `SELECT ${summaryColumns('o')}
       FROM mentions m JOIN mentions o ON o.author_handle = m.author_handle AND o.channel = m.channel AND o.seq <> m.seq
      WHERE m.seq = ? ORDER BY o.seq DESC LIMIT ?`,
    [seq, limit]
  )
  return rows.map(toSummary)
}

export async function heldCounts(db: Db): Promise<Map<number, number>> {
  const rows = await db.all<{ claimed_by: number; n: number }>(
    // pinned: unpinned, the planner walks every waiting item (a million in a big incident)
    "SELECT claimed_by, count(*) AS n FROM queue_items INDEXED BY queue_by_claimer WHERE claimed_by IS NOT NULL AND status IN ('open', 'escalated') GROUP BY claimed_by"
  )
  return new Map(rows.map((r) => [r.claimed_by, r.n]))
}
