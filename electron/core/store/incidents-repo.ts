// Incidents. The foundation only needs the drill and "which incident is on the wall".
import type { IncidentSummary } from '../../../shared/api'
import type { Db } from './db'

interface IncidentDbRow {
  id: number
  name: string
  drill: number
  scenario: string | null
  started_ms: number
}

const toSummary = (r: IncidentDbRow): IncidentSummary => ({
  id: r.id,
  name: r.name,
  drill: r.drill === 1,
  scenario: r.scenario,
  startedAt: new Date(r.started_ms).toISOString()
})

/** The newest open incident: the one the wall shows. */
export async function activeIncident(db: Db): Promise<IncidentSummary | null> {
  const row = await db.get<IncidentDbRow>(
    'SELECT id, name, drill, scenario, started_ms FROM incidents WHERE resolved_ms IS NULL ORDER BY started_ms DESC, id DESC LIMIT 1'
  )
  return row ? toSummary(row) : null
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
    'SELECT id, name, drill, scenario, started_ms FROM incidents WHERE resolved_ms IS NULL AND drill = 1 AND scenario = ? LIMIT 1',
    [scenario]
  )
  if (open && startedMs - open.started_ms < maxAgeMs) return toSummary(open)
  if (open) await db.run('UPDATE incidents SET resolved_ms = ? WHERE id = ?', [startedMs, open.id])
  const { lastID } = await db.run('INSERT INTO incidents (name, drill, scenario, started_ms) VALUES (?, 1, ?, ?)', [
    name,
    scenario,
    startedMs
  ])
  return toSummary({ id: lastID, name, drill: 1, scenario, started_ms: startedMs })
}
