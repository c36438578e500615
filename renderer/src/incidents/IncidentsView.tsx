// Incidents: the list (open first), one incident's details and timeline, and for leads
// and admins the controls to create, change severity, hand over, resolve, reopen and put
// an incident on the wall. The engine enforces the roles; the UI only hides what can't work.
import { useEffect, useState, type FormEvent } from 'react'
import type { ConsoleApi, MethodName, ParamsOf } from '../../../shared/api'
import { INCIDENT_ROLES, SEVERITIES, type Severity } from '../../../shared/team'
import { TestIds } from '../../../shared/test-ids'
import { useUsers } from '../team/use-users'
import { useLiveCall } from '../api/use-live-call'
import type { Me } from '../queue/QueueView'
import { ReviewPanel } from './ReviewPanel'
import { TrackingRules } from './TrackingRules'
import { FINAL_STATES } from '../../../shared/broadcast'
import { TRACKING_ROLES } from '../../../shared/tracking'

const when = (iso: string) =>
  new Date(iso).toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' })

export function IncidentsView({ api, me }: { api: ConsoleApi; me: Me }) {
  const { value: incidents = [] } = useLiveCall(api, 'listIncidents', {}, (e) => e.type === 'incident')
  const [selected, setSelected] = useState<number | null>(null)
  const [error, setError] = useState<string | null>(null)
  const canRun = me.roles.some((r) => (INCIDENT_ROLES as readonly string[]).includes(r))
  useEffect(() => {
    if (selected === null && incidents.length) setSelected(incidents[0].id)
  }, [incidents, selected])

  const act = async <M extends MethodName>(method: M, params: ParamsOf<M>) => {
    const r = await api.call(method, params)
    setError(r.ok ? null : r.error.message)
    return r
  }

  return (
    <div className="incidents" data-testid={TestIds.incidents}>
      <section className="tile" aria-label="Incidents">
        {canRun && (
          <CreateIncident
            onCreate={async (p) => {
              const r = await act('createIncident', p)
              if (r.ok) setSelected(r.value.id)
              return r.ok
            }}
          />
        )}
        {error && (
          <p className="error" role="alert" data-testid={TestIds.incidentError}>
            {error}
          </p>
        )}
        <ol className="incident-list">
          {incidents.map((i) => (
            <li
              key={i.id}
              data-testid={TestIds.incidentRow(i.id)}
              aria-selected={i.id === selected}
              className={i.id === selected ? 'is-selected' : ''}
              onClick={() => setSelected(i.id)}
            >
              {i.drill && <span className="badge badge--drill">DRILL</span>} <strong>{i.name}</strong>{' '}
              <span className={`sev sev--${i.severity}`}>{i.severity}</span>{' '}
              <span className="muted">
                {i.resolvedAt ? `resolved ${when(i.resolvedAt)}` : `open since ${when(i.startedAt)}`}
                {i.lead ? ` · lead ${i.lead.name}` : ''}
                {i.onWall ? ' · on the wall' : ''}
              </span>
            </li>
          ))}
          {incidents.length === 0 && <li className="muted">No incidents yet.</li>}
        </ol>
      </section>
      {selected !== null && (
        <IncidentDetail
          api={api}
          id={selected}
          canRun={canRun}
          canTrack={me.roles.some((r) => (TRACKING_ROLES as readonly string[]).includes(r))}
          act={act}
          onError={setError}
        />
      )}
    </div>
  )
}

function CreateIncident({ onCreate }: { onCreate: (p: ParamsOf<'createIncident'>) => Promise<boolean> }) {
  const [name, setName] = useState('')
  const [severity, setSeverity] = useState<Severity>('SEV2')
  const [keywords, setKeywords] = useState('')
  const [timeZone, setTimeZone] = useState(Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC')
  async function submit(e: FormEvent) {
    e.preventDefault()
    const ok = await onCreate({
      name,
      severity,
      timeZone,
      keywords: keywords
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean)
    })
    if (ok) setName('')
  }
  return (
    <form className="row" onSubmit={submit} aria-label="New incident">
      <input
        aria-label="incident name"
        placeholder="New incident: name"
        data-testid={TestIds.incidentCreateName}
        value={name}
        onChange={(e) => setName(e.target.value)}
        required
      />
      <select
        aria-label="severity"
        data-testid={TestIds.incidentCreateSeverity}
        value={severity}
        onChange={(e) => setSeverity(e.target.value as Severity)}
      >
        {SEVERITIES.map((s) => (
          <option key={s}>{s}</option>
        ))}
      </select>
      <input
        aria-label="tracked keywords"
        placeholder="keywords, comma-separated"
        value={keywords}
        onChange={(e) => setKeywords(e.target.value)}
      />
      <input aria-label="time zone" size={16} value={timeZone} onChange={(e) => setTimeZone(e.target.value)} />
      <button data-testid={TestIds.incidentCreateSubmit}>Open incident</button>
    </form>
  )
}

function SlaForm({
  current,
  severity,
  onSet
}: {
  current: number
  severity: Severity
  onSet: (minutes: number) => Promise<unknown>
}) {
  const [minutes, setMinutes] = useState(String(current))
  return (
    <form
      className="row"
      onSubmit={(e) => {
        e.preventDefault()
        void onSet(Number(minutes))
      }}
    >
      <label>
        answer {severity} mentions within{' '}
        <input
          aria-label="response target in minutes"
          data-testid={TestIds.incidentSla}
          type="number"
          min={1}
          size={5}
          value={minutes}
          onChange={(e) => setMinutes(e.target.value)}
        />{' '}
        min
      </label>
      <button>Set target</button>
    </form>
  )
}

function IncidentDetail(props: {
  api: ConsoleApi
  id: number
  canRun: boolean
  canTrack: boolean
  act: <M extends MethodName>(m: M, p: ParamsOf<M>) => Promise<unknown>
  onError: (message: string | null) => void
}) {
  const { api, id, canRun, canTrack, act, onError } = props
  const { value: data } = useLiveCall(
    api,
    'getIncident',
    { id },
    (e) => (e.type === 'incident' && e.incident.id === id) || (e.type === 'statement' && e.statement.incidentId === id)
  )
  const users = useUsers(api)
  const [handTo, setHandTo] = useState('')
  if (!data) return <section className="tile muted">Loading…</section>
  const { incident: i } = data
  const leads = users.filter((u) => u.roles.includes('lead') && u.name !== i.lead?.name)
  return (
    <section className="tile" aria-label="Incident">
      <h2>
        {i.name} <span className={`sev sev--${i.severity}`}>{i.severity}</span>
      </h2>
      <p className="muted">
        time zone {i.timeZone} · keywords {i.keywords.join(', ') || 'none'} · lead {i.lead?.name ?? 'none'}
      </p>
      <p className="muted">
        response targets: {SEVERITIES.map((s) => `${s} ${i.slaMinutes[s]} min`).join(' · ')} (now {i.severity})
      </p>
      {canRun && !i.resolvedAt && (
        <SlaForm
          key={`${i.severity}:${i.slaMinutes[i.severity]}`}
          current={i.slaMinutes[i.severity]}
          onSet={(minutes) => act('setSla', { id, slaMinutes: { [i.severity]: minutes } })}
          severity={i.severity}
        />
      )}
      {canRun && (
        <div className="row">
          {!i.resolvedAt && (
            <>
              <select
                aria-label="severity"
                data-testid={TestIds.incidentSeverity}
                value={i.severity}
                onChange={(e) => void act('setSeverity', { id, severity: e.target.value as Severity })}
              >
                {SEVERITIES.map((s) => (
                  <option key={s}>{s}</option>
                ))}
              </select>
              {!i.onWall && (
                <button data-testid={TestIds.incidentOnWall} onClick={() => void act('putOnWall', { id })}>
                  Put on the wall
                </button>
              )}
              <select aria-label="hand over to" value={handTo} onChange={(e) => setHandTo(e.target.value)}>
                <option value="">hand over to…</option>
                {leads.map((u) => (
                  <option key={u.id}>{u.name}</option>
                ))}
              </select>
              <button
                data-testid={TestIds.incidentHandOver}
                disabled={!handTo}
                onClick={() => void act('handOver', { id, user: handTo })}
              >
                Hand over
              </button>
              <button data-testid={TestIds.incidentResolve} onClick={() => void act('resolveIncident', { id })}>
                Resolve
              </button>
            </>
          )}
          {i.resolvedAt && (
            <button data-testid={TestIds.incidentReopen} onClick={() => void act('reopenIncident', { id })}>
              Reopen
            </button>
          )}
        </div>
      )}
      <TrackingRules api={api} incidentId={i.id} canEdit={!i.resolvedAt && canTrack} onError={onError} />
      <h3>Timeline and review</h3>
      <ReviewPanel api={api} incident={i} canRun={canRun} onError={onError} />
      <Timeline api={api} id={id} />
    </section>
  )
}

/**
 * The incident's timeline in words, as the review export tells it: its events, every
 * delivery outcome and the queue's replies, kept current as they happen.
 */
function Timeline({ api, id }: { api: ConsoleApi; id: number }) {
  const { value: events = [] } = useLiveCall(
    api,
    'incidentTimeline',
    { id },
    (e) =>
      (e.type === 'incident' && e.incident.id === id) ||
      (e.type === 'statement' && e.statement.incidentId === id) ||
      (e.type === 'delivery' && FINAL_STATES.includes(e.delivery.state)) ||
      (e.type === 'queue' && e.item.status !== 'open')
  )
  return (
    <ol className="history" data-testid={TestIds.incidentTimeline}>
      {events.map((e, k) => (
        <li key={`${e.at}:${k}`} className={`history--${e.kind}`} dir="auto">
          <span className="muted">{when(e.at)}</span> {e.actor} · {e.summary}
          {e.recordedAt !== e.at ? <span className="muted"> (written {when(e.recordedAt)})</span> : null}
        </li>
      ))}
    </ol>
  )
}
