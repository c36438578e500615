// Statements, their revisions and reviews. Plain functions with the database first; writes
// are called inside a transaction. The approval state of a revision is worked out from its
// reviews with the shared policy, so the engine and the UI can never disagree on it.
import { approvalState } from '../../../shared/approval-policy'
import type { OutboundChannel } from '../../../shared/channel-rules'
import type { Facts } from '../../../shared/statement-facts'
import {
  approvalBlockers,
  type Revision,
  type Statement,
  type Variant,
  type VariantEdit,
  type WallStatement
} from '../../../shared/statements'
import type { Role, Severity } from '../../../shared/team'
import type { Db } from '../store/db'

export interface StatementRow {
  id: number
  incident_id: number
  title: string
  template_id: string | null
  template_version: number | null
  languages: string
  channels: string
  created_by: string
  created_ms: number
  latest_revision: number
  approved_revision: number | null
  approved_ms: number | null
  withdrawn_ms: number | null
  withdrawn_by: string | null
  withdraw_reason: string | null
}

export interface RevisionRow {
  statement_id: number
  number: number
  author: string
  created_ms: number
  facts: string | null
  edits: string
  variants: string
  next_update_ms: number
  facts_only: number
  pre_approved: number
  approved_ms: number | null
}

interface ReviewRow {
  revision: number
  reviewer: string
  roles: string
  decision: 'approve' | 'reject'
  reason: string | null
  at_ms: number
}

const iso = (ms: number) => new Date(ms).toISOString()

export const getStatementRow = (db: Db, id: number) =>
  db.get<StatementRow>('SELECT * FROM statements WHERE id = ?', [id])
export const getRevisionRow = (db: Db, id: number, n: number) =>
  db.get<RevisionRow>('SELECT * FROM statement_revisions WHERE statement_id = ? AND number = ?', [id, n])
export const revisionEdits = (r: RevisionRow): VariantEdit[] => JSON.parse(r.edits)

export async function insertStatement(
  db: Db,
  s: {
    incidentId: number
    title: string
    template: { id: string; version: number } | null
    languages: string[]
    channels: OutboundChannel[]
    createdBy: string
  },
  nowMs: number
): Promise<number> {
  const { lastID } = await db.run(
    'INSERT INTO statements (incident_id, title, template_id, template_version, languages, channels, created_by, created_ms, latest_revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)',
    [
      s.incidentId,
      s.title,
      s.template?.id ?? null,
      s.template?.version ?? null,
      JSON.stringify(s.languages),
      JSON.stringify(s.channels),
      s.createdBy,
      nowMs
    ]
  )
  return lastID
}

export async function insertRevision(
  db: Db,
  r: {
    statementId: number
    number: number
    author: string
    facts: Facts | null
    edits: VariantEdit[]
    variants: Variant[]
    nextUpdateMs: number
    factsOnly: boolean
    preApproved: boolean
  },
  nowMs: number
): Promise<void> {
  await db.run(
    'INSERT INTO statement_revisions (statement_id, number, author, created_ms, facts, edits, variants, next_update_ms, facts_only, pre_approved) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [
      r.statementId,
      r.number,
      r.author,
      nowMs,
      r.facts ? JSON.stringify(r.facts) : null,
      JSON.stringify(r.edits),
      JSON.stringify(r.variants),
      r.nextUpdateMs,
      r.factsOnly ? 1 : 0,
      r.preApproved ? 1 : 0
    ]
  )
  await db.run('UPDATE statements SET latest_revision = ? WHERE id = ?', [r.number, r.statementId])
}

export async function insertReview(
  db: Db,
  statementId: number,
  revision: number,
  reviewer: string,
  roles: readonly Role[],
  decision: 'approve' | 'reject',
  reason: string | null,
  nowMs: number
) {
  await db.run(
    'INSERT INTO statement_reviews (statement_id, revision, reviewer, roles, decision, reason, at_ms) VALUES (?, ?, ?, ?, ?, ?, ?)',
    [statementId, revision, reviewer, JSON.stringify(roles), decision, reason, nowMs]
  )
}

/** Withdraws a draft: it leaves every approver's count and can't be approved or sent. */
export async function markWithdrawn(
  db: Db,
  statementId: number,
  by: string,
  reason: string,
  nowMs: number
): Promise<void> {
  await db.run('UPDATE statements SET withdrawn_ms = ?, withdrawn_by = ?, withdraw_reason = ? WHERE id = ?', [
    nowMs,
    by,
    reason,
    statementId
  ])
}

export async function markApproved(db: Db, statementId: number, revision: number, nowMs: number): Promise<void> {
  await db.run('UPDATE statement_revisions SET approved_ms = ? WHERE statement_id = ? AND number = ?', [
    nowMs,
    statementId,
    revision
  ])
  await db.run('UPDATE statements SET approved_revision = ?, approved_ms = ? WHERE id = ?', [
    revision,
    nowMs,
    statementId
  ])
}

async function reviewsOf(db: Db, statementId: number): Promise<ReviewRow[]> {
  return db.all<ReviewRow>(
    'SELECT revision, reviewer, roles, decision, reason, at_ms FROM statement_reviews WHERE statement_id = ? ORDER BY id',
    [statementId]
  )
}

/** A revision as the API shows it, its state from its reviews and the incident's severity. */
export function toRevision(
  r: RevisionRow,
  reviews: readonly ReviewRow[],
  severity: Severity,
  withdrawn = false
): Revision {
  const mine = reviews.filter((v) => v.revision === r.number)
  const approvals = mine
    .filter((v) => v.decision === 'approve')
    .map((v) => ({ approver: v.reviewer, roles: JSON.parse(v.roles) as Role[], at: iso(v.at_ms) }))
  const rejected = mine.find((v) => v.decision === 'reject')
  const info = { number: r.number, author: r.author, preApprovedFactsOnly: r.pre_approved === 1 && r.facts_only === 1 }
  const { missing } = approvalState(
    severity,
    info,
    approvals.map((a) => ({ revision: r.number, approver: a.approver, roles: a.roles }))
  )
  const variants: Variant[] = JSON.parse(r.variants)
  return {
    number: r.number,
    author: r.author,
    createdAt: iso(r.created_ms),
    facts: r.facts ? JSON.parse(r.facts) : null,
    nextUpdateAt: iso(r.next_update_ms),
    variants,
    preApprovedFactsOnly: info.preApprovedFactsOnly,
    ready: approvalBlockers(variants).length === 0,
    // once approved it stays approved, even if the severity (and so the policy) changes later
    state: r.approved_ms !== null ? 'approved' : withdrawn ? 'withdrawn' : rejected ? 'rejected' : 'pending',
    approvals,
    missing: r.approved_ms !== null || withdrawn ? [] : missing.map((m) => [...m]),
    approvedAt: r.approved_ms !== null ? iso(r.approved_ms) : null,
    rejection: rejected ? { by: rejected.reviewer, reason: rejected.reason ?? '', at: iso(rejected.at_ms) } : null
  }
}

/**
 * A statement with its newest and newest-approved revisions, and the promise the approved
 * one made: kept when the incident's next statement was approved by the time it promised.
 */
export async function loadStatement(db: Db, row: StatementRow, severity: Severity): Promise<Statement> {
  const reviews = await reviewsOf(db, row.id)
  const latest = toRevision(
    (await getRevisionRow(db, row.id, row.latest_revision))!,
    reviews,
    severity,
    row.withdrawn_ms !== null
  )
  const approvedRow =
    row.approved_revision !== null ? await getRevisionRow(db, row.id, row.approved_revision) : undefined
  const approved = approvedRow
    ? approvedRow.number === latest.number
      ? latest
      : toRevision(approvedRow, reviews, severity)
    : null
  let promise: Statement['promise'] = null
  if (approved && row.approved_ms !== null) {
    const due = approvedRow!.next_update_ms
    const next = await db.get<{ approved_ms: number }>(
      'SELECT approved_ms FROM statements WHERE incident_id = ? AND approved_ms > ? AND id <> ? ORDER BY approved_ms LIMIT 1',
      [row.incident_id, row.approved_ms, row.id]
    )
    promise = {
      dueAt: iso(due),
      keptAt: next && next.approved_ms <= due ? iso(next.approved_ms) : null,
      brokenAt: next && next.approved_ms > due ? iso(due) : null
    }
  }
  return {
    id: row.id,
    incidentId: row.incident_id,
    title: row.title,
    template: row.template_id !== null ? { id: row.template_id, version: row.template_version ?? 1 } : null,
    languages: JSON.parse(row.languages),
    channels: JSON.parse(row.channels),
    createdBy: row.created_by,
    createdAt: iso(row.created_ms),
    latest,
    approved,
    promise,
    withdrawn:
      row.withdrawn_ms !== null
        ? { by: row.withdrawn_by ?? '?', reason: row.withdraw_reason ?? '', at: iso(row.withdrawn_ms) }
        : null
  }
}

/** Every revision of a statement, newest first: the history a reviewer reads. */
export async function allRevisions(db: Db, statementId: number, severity: Severity): Promise<Revision[]> {
  const reviews = await reviewsOf(db, statementId)
  const rows = await db.all<RevisionRow>(
    'SELECT * FROM statement_revisions WHERE statement_id = ? ORDER BY number DESC',
    [statementId]
  )
  return rows.map((r) => toRevision(r, reviews, severity))
}

export async function listStatementRows(db: Db, incidentId: number): Promise<StatementRow[]> {
  return db.all<StatementRow>('SELECT * FROM statements WHERE incident_id = ? ORDER BY id DESC', [incidentId])
}

/** The incident's newest approved words: what the wall shows with its promise clock. */
export async function wallStatement(db: Db, incidentId: number): Promise<WallStatement | null> {
  const row = await db.get<StatementRow>(
    'SELECT * FROM statements WHERE incident_id = ? AND approved_ms IS NOT NULL ORDER BY approved_ms DESC, id DESC LIMIT 1',
    [incidentId]
  )
  if (!row || row.approved_revision === null) return null
  const rev = (await getRevisionRow(db, row.id, row.approved_revision))!
  const variants: Variant[] = JSON.parse(rev.variants)
  return {
    statementId: row.id,
    title: row.title,
    revision: rev.number,
    approvedAt: iso(row.approved_ms ?? rev.created_ms),
    nextUpdateAt: iso(rev.next_update_ms),
    variants: variants.map((v) => ({ channel: v.channel, lang: v.lang, text: v.text }))
  }
}
