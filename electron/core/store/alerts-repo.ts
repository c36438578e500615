// Spike alerts: stored once per closed minute, listed for the wall and the timeline,
// acknowledged from a console.
import type { AlertDrivers, AlertSeverity, AlertTrigger, SpikeAlert } from '../../../shared/alerts'
import type { Db } from './db'

interface AlertRow {
  id: number
  incident_id: number | null
  minute_ms: number
  started_ms: number
  created_ms: number
  severity: AlertSeverity
  score: number
  triggers: string
  drivers: string
  acknowledged_by: string | null
  acknowledged_ms: number | null
}

const iso = (ms: number) => new Date(ms).toISOString()

const toAlert = (r: AlertRow): SpikeAlert => ({
  id: r.id,
  incidentId: r.incident_id,
  startedAt: iso(r.started_ms),
  minute: iso(r.minute_ms),
  createdAt: iso(r.created_ms),
  severity: r.severity,
  score: r.score,
  triggers: JSON.parse(r.triggers) as AlertTrigger[],
  drivers: JSON.parse(r.drivers) as AlertDrivers,
  acknowledgedBy: r.acknowledged_by,
  acknowledgedAt: r.acknowledged_ms !== null ? iso(r.acknowledged_ms) : null
})

/** Stores an alert; null when that minute already has one (a restart re-running a minute). */
export async function insertAlert(
  db: Db,
  a: {
    incidentId: number | null
    minuteMs: number
    startedMs: number
    severity: AlertSeverity
    score: number
    triggers: AlertTrigger[]
    drivers: AlertDrivers
  },
  nowMs: number
): Promise<SpikeAlert | null> {
  const { changes, lastID } = await db.run(
    'INSERT INTO alerts (incident_id, minute_ms, started_ms, created_ms, severity, score, triggers, drivers) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (minute_ms) DO NOTHING',
    [
      a.incidentId,
      a.minuteMs,
      a.startedMs,
      nowMs,
      a.severity,
      a.score,
      JSON.stringify(a.triggers),
      JSON.stringify(a.drivers)
    ]
  )
  return changes ? getAlert(db, lastID) : null
}

export async function getAlert(db: Db, id: number): Promise<SpikeAlert | null> {
  const row = await db.get<AlertRow>('SELECT * FROM alerts WHERE id = ?', [id])
  return row ? toAlert(row) : null
}

/** Newest first. */
export async function listAlerts(
  db: Db,
  o: { limit: number; incidentId?: number; sinceMs?: number }
): Promise<SpikeAlert[]> {
  const rows = await db.all<AlertRow>(
    `SELECT * FROM alerts WHERE (?1 IS NULL OR incident_id = ?1) AND (?2 IS NULL OR minute_ms >= ?2) ORDER BY minute_ms DESC LIMIT ?3`,
    [o.incidentId ?? null, o.sinceMs ?? null, o.limit]
  )
  return rows.map(toAlert)
}

/** The first acknowledgement counts; acknowledging again changes nothing. */
export async function acknowledgeAlert(db: Db, id: number, actor: string, nowMs: number): Promise<SpikeAlert | null> {
  await db.run('UPDATE alerts SET acknowledged_by = ?, acknowledged_ms = ? WHERE id = ? AND acknowledged_ms IS NULL', [
    actor,
    nowMs,
    id
  ])
  return getAlert(db, id)
}
