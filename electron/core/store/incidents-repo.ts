// Incidents and their timelines. Plain functions with the database first; writes are
// called inside a transaction.
import type { IncidentSummary } from '../../../shared/api'
import { DEFAULT_SLA_MINUTES, type Incident, type IncidentEvent, type Severity } from '../../../shared/team'
import type { Db } from './db'
import type { ReviewFactors } from '../../../shared/review'

interface IncidentDbRow {
  id: number
  name: string
  drill: number
  scenario: string | null
  started_ms: number
  resolved_ms: number | null
  severity: Severity
  keywords: string
  channels: string
  time_zone: string
  lead_user_id: number | null
  lead_name: string | null
  lead_roles: string | null
  on_wall: number
  sla_minutes: string | null
  review_factors: string | null
}

const SELECT = `SELECT i.*, u.name AS lead_name, u.roles AS lead_roles FROM incidents i LEFT JOIN users u ON u.id = i.lead_user_id`

const toSummary = (r: IncidentDbRow): IncidentSummary => ({
  id: r.id,
  name: r.name,
  drill: r.drill === 1,
  scenario: r.scenario,
  startedAt: new Date(r.started_ms).toISOString()
})

const toIncident = (r: IncidentDbRow): Incident => ({
  ...toSummary(r),
  severity: r.severity,
  keywords: JSON.parse(r.keywords),
  channels: JSON.parse(r.channels),
  timeZone: r.time_zone,
  lead:
    r.lead_user_id !== null
      ? { id: r.lead_user_id, name: r.lead_name ?? '?', roles: JSON.parse(r.lead_roles ?? '[]') }
      : null,
  onWall: r.on_wall === 1,
  resolvedAt: r.resolved_ms !== null ? new Date(r.resolved_ms).toISOString() : null,
  slaMinutes: { ...DEFAULT_SLA_MINUTES, ...(r.sla_minutes ? JSON.parse(r.sla_minutes) : {}) },
  reviewFactors: r.review_factors ? JSON.parse(r.review_factors) : null
})

/**
 * The incident the wall shows: the open one put on the wall, else the newest open one.
 * One incident at a time is on the wall.
 */
export async function activeIncident(db: Db): Promise<IncidentSummary | null> {
  const row = await db.get<IncidentDbRow>(
    `${SELECT} WHERE i.resolved_ms IS NULL ORDER BY i.on_wall DESC, i.started_ms DESC, i.id DESC LIMIT 1`
  )
  return row ? toSummary(row) : null
}

export async function activeIncidentDetail(db: Db): Promise<Incident | null> {
  const row = await db.get<IncidentDbRow>(
    `${SELECT} WHERE i.resolved_ms IS NULL ORDER BY i.on_wall DESC, i.started_ms DESC, i.id DESC LIMIT 1`
  )
  return row ? toIncident(row) : null
}

export async function getIncident(db: Db, id: number): Promise<Incident | null> {
  const row = await db.get<IncidentDbRow>(`${SELECT} WHERE i.id = ?`, [id])
  return row ? toIncident(row) : null
}

export async function listIncidents(db: Db): Promise<Incident[]> {
  return (await db.all<IncidentDbRow>(`${SELECT} ORDER BY i.resolved_ms IS NOT NULL, i.started_ms DESC`)).map(
    toIncident
  )
}

export async function insertIncident(
  db: Db,
  i: {
    name: string
    severity: Severity
    keywords: string[]
    channels: string[]
    timeZone: string
    leadUserId: number | null
    slaMinutes?: Partial<Record<Severity, number>>
  },
  nowMs: number
): Promise<number> {
  const { lastID } = await db.run(
    'INSERT INTO incidents (name, drill, scenario, started_ms, severity, keywords, channels, time_zone, lead_user_id, sla_minutes) VALUES (?, 0, NULL, ?, ?, ?, ?, ?, ?, ?)',
    [
      i.name,
      nowMs,
      i.severity,
      JSON.stringify(i.keywords),
      JSON.stringify(i.channels),
      i.timeZone,
      i.leadUserId,
      i.slaMinutes ? JSON.stringify(i.slaMinutes) : null
    ]
  )
  return lastID
}

export type IncidentChange =
  | { set: 'severity'; severity: Severity }
  | { set: 'lead'; userId: number }
  | { set: 'resolved'; atMs: number | null }
  | { set: 'onWall' }
  | { set: 'sla'; minutes: Record<Severity, number> }
  | { set: 'reviewFactors'; factors: ReviewFactors }

export async function updateIncident(db: Db, id: number, change: IncidentChange): Promise<void> {
  switch (change.set) {
    case 'severity':
      await db.run('UPDATE incidents SET severity = ? WHERE id = ?', [change.severity, id])
      return
    case 'lead':
      await db.run('UPDATE incidents SET lead_user_id = ? WHERE id = ?', [change.userId, id])
      return
    case 'resolved':
      await db.run(
        'UPDATE incidents SET resolved_ms = ?, on_wall = CASE WHEN ? IS NULL THEN on_wall ELSE 0 END WHERE id = ?',
        [change.atMs, change.atMs, id]
      )
      return
    case 'onWall':
      await db.run('UPDATE incidents SET on_wall = (id = ?)', [id])
      return
    case 'sla':
      await db.run('UPDATE incidents SET sla_minutes = ? WHERE id = ?', [JSON.stringify(change.minutes), id])
      return
    case 'reviewFactors':
      await db.run('UPDATE incidents SET review_factors = ? WHERE id = ?', [JSON.stringify(change.factors), id])
      return
  }
}

export async function addIncidentEvent(
  db: Db,
  e: { incidentId: number; actor: string; type: string; data?: Record<string, unknown>; occurredMs?: number },
  nowMs: number
): Promise<void> {
  await db.run(
    'INSERT INTO incident_events (incident_id, at_ms, occurred_ms, actor, type, data) VALUES (?, ?, ?, ?, ?, ?)',
    [e.incidentId, nowMs, e.occurredMs ?? nowMs, e.actor, e.type, JSON.stringify(e.data ?? {})]
  )
}

export async function incidentEvents(db: Db, incidentId: number): Promise<IncidentEvent[]> {
  const rows = await db.all<{
    id: number
    at_ms: number
    occurred_ms: number
    actor: string
    type: string
    data: string
  }>(
    'SELECT id, at_ms, occurred_ms, actor, type, data FROM incident_events WHERE incident_id = ? ORDER BY occurred_ms, id',
    [incidentId]
  )
  return rows.map((r) => ({
    id: r.id,
    at: new Date(r.at_ms).toISOString(),
    occurredAt: new Date(r.occurred_ms).toISOString(),
    actor: r.actor,
    type: r.type,
    data: JSON.parse(r.data)
  }))
}

/**
 * Returns the open drill for `scenario` (a restart resumes it on its own clock), or opens
 * a new one at `startedMs`. A drill older than `maxAgeMs` has run its course: it is
 * resolved and a new one opened. Call inside a transaction.
 */
export async function openDrill(
  db: Db,
  scenario: string,
  name: string,
  startedMs: number,
  maxAgeMs: number
): Promise<IncidentSummary> {
  const open = await db.get<IncidentDbRow>(
    `${SELECT} WHERE i.resolved_ms IS NULL AND i.drill = 1 AND i.scenario = ? LIMIT 1`,
    [scenario]
  )
  if (open && startedMs - open.started_ms < maxAgeMs) return toSummary(open)
  if (open) await db.run('UPDATE incidents SET resolved_ms = ? WHERE id = ?', [startedMs, open.id])
  const { lastID } = await db.run(
    "INSERT INTO incidents (name, drill, scenario, started_ms, severity) VALUES (?, 1, ?, ?, 'SEV2')",
    [name, scenario, startedMs]
  )
  await addIncidentEvent(
    db,
    { incidentId: lastID, actor: 'system', type: 'drill.started', data: { scenario }, occurredMs: startedMs },
    startedMs
  )
  return { id: lastID, name, drill: true, scenario, startedAt: new Date(startedMs).toISOString() }
}
