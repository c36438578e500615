// Holding statements of one incident: the list with each one's state and promise clock,
// drafting from a template, and a statement's review: its variants and their checks, who
// has approved and who still must, approve / reject with a reason, edit as a new revision,
// and the revision history. The engine enforces who may do what; the UI explains it.
import { useEffect, useState } from 'react'
import type { ConsoleApi } from '../../../shared/api'
import { useLiveCall } from '../api/use-live-call'
import { APPROVER_ROLES, LOCAL_CANNOT_APPROVE } from '../../../shared/approval-policy'
import { checkChannel } from '../../../shared/channel-rules'
import { STATEMENT_AUTHOR_ROLES, type Revision, type VariantEdit } from '../../../shared/statements'
import { TestIds } from '../../../shared/test-ids'
import type { Me } from '../queue/QueueView'
import { useNow } from '../wall/use-now'
import { StatementPromise } from './PromiseClock'
import { FactInput, StatementEditor, typedFacts } from './StatementEditor'
import { factsToForm } from './fact-form'
import { isoToZoned, zonedToIso } from '../../../shared/time-zone'
import { VariantList } from './VariantList'
import { BroadcastPanel } from './BroadcastPanel'

const when = (iso: string) =>
  new Date(iso).toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' })
const holds = (me: Me, roles: readonly string[]) => me.roles.some((r) => roles.includes(r))

export function StatementsView({ api, me, open = null }: { api: ConsoleApi; me: Me; open?: number | null }) {
  const { value: incidents = [] } = useLiveCall(api, 'listIncidents', {}, (e) => e.type === 'incident')
  const [incidentId, setIncidentId] = useState<number | null>(null)
  const [selected, setSelected] = useState<number | 'new' | null>(null)
  const now = useNow(1000)

  useEffect(() => {
    if (incidentId !== null || incidents.length === 0) return
    // the incident on the wall first, else the newest open one
    const open = incidents.filter((i) => !i.resolvedAt)
    setIncidentId((open.find((i) => i.onWall) ?? open[0] ?? incidents[0]).id)
  }, [incidents, incidentId])
  useEffect(() => {
    if (open === null) return
    // opened from elsewhere (a delivery alert): show its incident, and it
    void api.call('getStatement', { id: open }).then((r) => {
      if (!r.ok) return
      setIncidentId(r.value.statement.incidentId)
      setSelected(open)
    })
  }, [api, open])
  const { value: statements = [], reload } = useLiveCall(
    api,
    'listStatements',
    incidentId === null ? null : { incident: incidentId },
    (e) => e.type === 'statement' && e.statement.incidentId === incidentId
  )

  const incident = incidents.find((i) => i.id === incidentId)
  const canDraft = holds(me, STATEMENT_AUTHOR_ROLES) && incident && !incident.resolvedAt
  return (
    <div className="statements" data-testid={TestIds.statements}>
      <section className="tile" aria-label="Statements">
        <label>
          Incident{' '}
          <select value={incidentId ?? ''} onChange={(e) => (setIncidentId(Number(e.target.value)), setSelected(null))}>
            {incidents.map((i) => (
              <option key={i.id} value={i.id}>
                {i.drill ? 'DRILL · ' : ''}
                {i.name} ({i.severity}
                {i.resolvedAt ? ', resolved' : ''})
              </option>
            ))}
          </select>
        </label>{' '}
        {canDraft && (
          <button data-testid={TestIds.statementNew} onClick={() => setSelected('new')}>
            New statement
          </button>
        )}
        <ol className="statement-list">
          {statements.map((s) => (
            <li
              key={s.id}
              data-testid={TestIds.statementRow(s.id)}
              className={s.id === selected ? 'is-selected' : ''}
              onClick={() => setSelected(s.id)}
            >
              <span>
                <strong>{s.title}</strong> <StateBadge r={s.latest} />{' '}
                <span className="muted">
                  rev {s.latest.number} · {s.createdBy} · {when(s.createdAt)}
                </span>
              </span>
              <StatementPromise s={s} now={now} testId={TestIds.statementPromise(s.id)} />
            </li>
          ))}
          {statements.length === 0 && (
            <li className="muted">{incident ? 'No statements for this incident yet.' : 'No incident yet.'}</li>
          )}
        </ol>
      </section>
      {selected === 'new' && incident && (
        <StatementEditor
          api={api}
          incidentId={incident.id}
          timeZone={incident.timeZone}
          onCreated={(id) => (setSelected(id), void reload())}
        />
      )}
      {typeof selected === 'number' && (
        <StatementDetail key={selected} api={api} id={selected} me={me} timeZone={incident?.timeZone ?? 'UTC'} />
      )}
    </div>
  )
}

function StateBadge({ r }: { r: Revision }) {
  const label = r.state === 'pending' ? (r.approvals.length ? 'partly approved' : 'awaiting approval') : r.state
  return <span className={`state state--${r.state}`}>{label}</span>
}

function StatementDetail({ api, id, me, timeZone }: { api: ConsoleApi; id: number; me: Me; timeZone: string }) {
  const {
    value: detail,
    error: loadError,
    reload: load
  } = useLiveCall(api, 'getStatement', { id }, (e) => e.type === 'statement' && e.statement.id === id)
  const [error, setError] = useState<string | null>(null)
  const [reason, setReason] = useState('')
  const [withdrawReason, setWithdrawReason] = useState('')
  const [edits, setEdits] = useState<VariantEdit[] | null>(null)
  /** while editing: the facts (template statements) or the promise (free text), as the inputs hold them */
  const [form, setForm] = useState<{ raw: Record<string, string>; zones: Record<string, string> }>({
    raw: {},
    zones: {}
  })
  const [promise, setPromise] = useState<{ local: string; zone: string }>({ local: '', zone: timeZone })
  const { value: templates = [] } = useLiveCall(api, 'listTemplates', {}, () => false)
  const now = useNow(5000)
  if (!detail) return <section className="tile">{loadError ?? 'Loading…'}</section>

  const { statement: s, revisions } = detail
  const r = s.latest
  const act = async (call: Promise<{ ok: boolean; error?: { message: string } }>) => {
    const res = await call
    setError(res.ok ? null : (res.error?.message ?? 'failed'))
    if (res.ok) {
      setReason('')
      setEdits(null)
      await load()
    }
  }
  const mayReview = holds(me, APPROVER_ROLES) && r.state === 'pending'
  const editing = edits !== null
  // while editing, each changed text is checked again as it is typed; contradictions with
  // the facts are checked by the engine when the revision is saved
  const shown = editing
    ? r.variants.map((v) => {
        const e = edits.find((x) => x.channel === v.channel && x.lang === v.lang)
        return e
          ? { ...v, ...e, edited: true, check: checkChannel(v.channel, e.text, e.subject), contradictions: [] }
          : v
      })
    : r.variants
  const spec = s.template
    ? templates.find((t) => t.template.id === s.template!.id && t.template.version === s.template!.version)?.template
    : undefined
  const startEditing = () => {
    setEdits([])
    setForm(factsToForm(r.facts, timeZone))
    setPromise({ local: isoToZoned(r.nextUpdateAt, timeZone) ?? '', zone: timeZone })
  }
  // a revision may change the words, the facts they come from, and the promised next update
  const saveRevision = () => {
    const changed = edits ?? []
    if (s.template)
      return act(
        api.call('reviseStatement', {
          id,
          revision: r.number,
          edits: changed,
          ...(spec ? { facts: typedFacts(spec.facts, form.raw, form.zones, timeZone) } : {})
        })
      )
    const nextUpdateAt = zonedToIso(promise.local, promise.zone)
    return act(
      api.call('reviseStatement', {
        id,
        revision: r.number,
        ...(changed.length ? { texts: changed } : {}),
        ...(nextUpdateAt ? { nextUpdateAt } : {})
      })
    )
  }

  return (
    <section className="tile" aria-label={`Statement ${s.title}`}>
      <h2>
        {s.title} <span className="muted">revision {r.number}</span>
      </h2>
      <p data-testid={TestIds.statementState} data-state={r.state}>
        <StateBadge r={r} /> drafted by {r.author} {when(r.createdAt)} · next update promised {when(r.nextUpdateAt)}
        {r.preApprovedFactsOnly ? ' · pre-approved template, facts only: one approval suffices' : ''}
      </p>
      {s.withdrawn && (
        <p className="check--bad" data-testid={TestIds.statementWithdrawn}>
          Withdrawn by {s.withdrawn.by} {when(s.withdrawn.at)}: {s.withdrawn.reason}. It waits for no approval and can't
          be sent.
        </p>
      )}
      {r.approvals.map((a) => (
        <p key={a.approver} className="muted">
          approved by {a.approver} ({a.roles.join(', ')}) {when(a.at)}
        </p>
      ))}
      {r.state === 'pending' && r.missing.length > 0 && (
        <p className="muted">still needs approval by: {r.missing.map((m) => m.join(' or ')).join(', and ')}</p>
      )}
      {r.rejection && (
        <p className="check--bad">
          rejected by {r.rejection.by}: {r.rejection.reason}
        </p>
      )}
      {!r.ready && <p className="check--bad">Can't be approved as it stands: fix the variants marked ✗.</p>}
      {r.state === 'pending' && Date.parse(r.nextUpdateAt) <= now && (
        // approval takes time in a crisis; a promise that has lapsed meanwhile goes on the wall overdue
        <p className="check--bad" data-testid={TestIds.statementPromiseLapsed}>
          The next update it promises ({when(r.nextUpdateAt)}) has already passed: approved now, it goes out with an
          overdue promise. Edit it for a later time first (a new revision).
        </p>
      )}
      {error && (
        <p className="error" role="alert" data-testid={TestIds.statementError}>
          {error}
        </p>
      )}
      <div className="actions">
        {mayReview && (
          <>
            <button
              data-testid={TestIds.statementApprove}
              disabled={r.author === me.name || me.kind === 'local'}
              title={
                me.kind === 'local'
                  ? LOCAL_CANNOT_APPROVE
                  : r.author === me.name
                    ? 'someone else must approve your revision'
                    : undefined
              }
              onClick={() => act(api.call('approveStatement', { id, revision: r.number }))}
            >
              Approve revision {r.number}
            </button>
            {me.kind === 'local' && (
              <span className="muted" data-testid={TestIds.statementApproveSignIn}>
                Approvals come from named members: sign in as yourself to approve.
              </span>
            )}
            <input
              data-testid={TestIds.statementRejectReason}
              placeholder="reason to reject"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
            <button
              data-testid={TestIds.statementReject}
              disabled={!reason.trim()}
              onClick={() => act(api.call('rejectStatement', { id, revision: r.number, reason }))}
            >
              Reject
            </button>
          </>
        )}
        {holds(me, STATEMENT_AUTHOR_ROLES) && !s.approved && !s.withdrawn && !editing && (
          <>
            <input
              data-testid={TestIds.statementWithdrawReason}
              placeholder="reason to withdraw"
              value={withdrawReason}
              onChange={(e) => setWithdrawReason(e.target.value)}
            />
            <button
              data-testid={TestIds.statementWithdraw}
              disabled={!withdrawReason.trim()}
              onClick={() =>
                void act(api.call('withdrawStatement', { id, reason: withdrawReason })).then(() =>
                  setWithdrawReason('')
                )
              }
            >
              Withdraw draft
            </button>
          </>
        )}
        {holds(me, STATEMENT_AUTHOR_ROLES) &&
          !s.withdrawn &&
          (editing ? (
            <>
              <button data-testid={TestIds.statementSaveRevision} onClick={() => void saveRevision()}>
                Save as revision {r.number + 1}
              </button>
              <button onClick={() => setEdits(null)}>Cancel</button>
            </>
          ) : (
            <button data-testid={TestIds.statementEdit} onClick={startEditing}>
              Edit (makes a new revision)
            </button>
          ))}
      </div>
      {editing && spec && (
        <fieldset className="facts">
          <legend>Facts (every variant is rendered again from them when saved)</legend>
          {spec.facts.map((f) => (
            <FactInput
              key={f.name}
              spec={f}
              value={form.raw[f.name] ?? ''}
              zone={form.zones[f.name] ?? timeZone}
              onValue={(v) => setForm({ ...form, raw: { ...form.raw, [f.name]: v } })}
              onZone={(z) => setForm({ ...form, zones: { ...form.zones, [f.name]: z } })}
            />
          ))}
        </fieldset>
      )}
      {editing && !s.template && (
        <p>
          <label>
            Next update promised{' '}
            <input
              type="datetime-local"
              data-testid={TestIds.statementRevisePromise}
              value={promise.local}
              onChange={(e) => setPromise({ ...promise, local: e.target.value })}
            />
          </label>{' '}
          <input
            aria-label="time zone of the promise"
            data-testid={TestIds.statementRevisePromiseZone}
            value={promise.zone}
            onChange={(e) => setPromise({ ...promise, zone: e.target.value })}
          />
        </p>
      )}
      <BroadcastPanel api={api} me={me} s={s} />
      <VariantList
        variants={shown}
        onEdit={
          editing
            ? (e) => setEdits([...edits.filter((x) => !(x.channel === e.channel && x.lang === e.lang)), e])
            : undefined
        }
      />
      <h2>History</h2>
      <ol className="muted" data-testid={TestIds.statementRevisions}>
        {revisions.map((v) => (
          <li key={v.number}>
            revision {v.number} by {v.author} {when(v.createdAt)}: {v.state}
            {v.approvedAt ? ` ${when(v.approvedAt)}` : ''}
            {v.rejection ? ` (${v.rejection.reason})` : ''}
          </li>
        ))}
      </ol>
    </section>
  )
}
