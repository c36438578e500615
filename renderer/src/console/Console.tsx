// The operator console: who is signed in, tabs for the wall and the response queue, the
// team on duty, and engine health with the rejected input.
import { useEffect, useState } from 'react'
import type { ConsoleApi, DeadLetter, Health } from '../../../shared/api'
import { TestIds } from '../../../shared/test-ids'
import { retryDelay } from '../api/retry-delay'
import { minutesLeftInSession, signOut, storedSession, takeSignOutReason } from '../api/session'
import { useNow } from '../wall/use-now'
import { Login } from '../login/Login'
import { QueueView, type Me } from '../queue/QueueView'
import { TeamPanel } from '../team/TeamPanel'
import { Wall } from '../wall/Wall'
import { ConnectToHub } from './ConnectToHub'
import { IncidentsView } from '../incidents/IncidentsView'
import { StatementsView } from '../statements/StatementsView'
import { KnowledgeView } from '../knowledge/KnowledgeView'
import { DeliveryAlerts } from './DeliveryAlerts'
import { AlertBanner } from './AlertBanner'
import { WallsView } from './WallsView'
import { MembersView } from '../team/MembersView'
import { FeedsPanel } from './FeedsPanel'
import { NotifyToggle } from './DesktopNotifications'
import { AwaitingApprovalCount, ForMeCount } from './TabCounts'

const HEALTH_EVERY_MS = 5000
const TABS = ['wall', 'queue', 'incidents', 'statements', 'knowledge', 'walls', 'team'] as const
const TAB_LABELS: Record<(typeof TABS)[number], string> = {
  wall: 'Wall',
  queue: 'Response queue',
  incidents: 'Incidents',
  statements: 'Statements',
  knowledge: 'Knowledge bank',
  walls: 'Wall screens',
  team: 'Team'
}
type Tab = (typeof TABS)[number]
const TAB_KEY = 'crisis-console-tab'

export function Console({ api }: { api: ConsoleApi }) {
  const [me, setMe] = useState<(Me & { kind: 'user' | 'local' | 'wall' }) | 'signed-out' | null>(null)
  const [signingIn, setSigningIn] = useState(false)
  /** why the engine ended the last session here, shown once */
  const [endedBecause] = useState(takeSignOutReason)
  const [tab, setTab] = useState<Tab>(() => (sessionStorage.getItem(TAB_KEY) as Tab) ?? 'wall')
  /** a statement to open in the Statements tab (from a delivery alert) */
  const [openStatement, setOpenStatement] = useState<number | null>(null)

  /** the engine could not be reached yet: still asking */
  const [unreachable, setUnreachable] = useState(false)

  useEffect(() => {
    // A wall screen's token opens the wall, never the console. An engine that can't be
    // reached (starting, restarting, a dropped connection) is asked again, as the live
    // transport does: that is no reason to ask the operator to sign in.
    let attempt = 0
    let timer: ReturnType<typeof setTimeout> | undefined
    let stopped = false
    const ask = () =>
      void api.call('me', {}).then((r) => {
        if (stopped) return
        if (!r.ok && r.error.code === 'unavailable') {
          setUnreachable(true)
          timer = setTimeout(ask, retryDelay(attempt++))
          return
        }
        setMe(r.ok && r.value.kind !== 'wall' ? r.value : 'signed-out')
      })
    ask()
    return () => {
      stopped = true
      clearTimeout(timer)
    }
  }, [api])
  useEffect(() => sessionStorage.setItem(TAB_KEY, tab), [tab])
  const myName = me !== null && me !== 'signed-out' && me.kind === 'user' ? me.name : null
  useEffect(() => {
    if (!myName) return
    return api.subscribe((e) => {
      // a change to this account ended this console's session (disabled, a new password)
      if (e.type === 'sessionEnded') signOut(e.reason)
      // other roles count from now: the tabs and controls follow without signing in again
      else if (e.type === 'account' && e.change === 'roles' && e.user.name === myName)
        setMe((m) => (m && m !== 'signed-out' ? { ...m, roles: e.user.roles } : m))
    })
  }, [api, myName])

  if (me === null) {
    return (
      <p className="muted" data-testid={TestIds.consoleConnecting}>
        {unreachable ? 'The engine can’t be reached yet; trying again…' : 'Connecting…'}
      </p>
    )
  }
  const ended = endedBecause && (
    <p className="notice" role="status" data-testid={TestIds.signedOutReason}>
      You were signed out: {endedBecause}.
    </p>
  )
  if (me === 'signed-out' || signingIn) {
    return (
      <>
        {ended}
        <Login api={api} onCancel={me === 'signed-out' ? undefined : () => setSigningIn(false)} />
      </>
    )
  }

  const inElectron = window.consoleApi !== undefined
  return (
    <div className="console" data-testid={TestIds.console}>
      <nav className="console__bar">
        <strong>Crisis Console</strong>
        <div className="tabs" role="tablist">
          {TABS.map((t) => (
            <button key={t} role="tab" aria-selected={tab === t} data-testid={TestIds.tab(t)} onClick={() => setTab(t)}>
              {TAB_LABELS[t]}
              {t === 'statements' && <AwaitingApprovalCount api={api} me={me} />}
              {t === 'queue' && <ForMeCount api={api} />}
            </button>
          ))}
        </div>
        <span className="spacer" />
        <span data-testid={TestIds.consoleMe}>
          {me.name} <span className="muted">({me.roles.join(', ')})</span>
        </span>
        {me.kind === 'user' ? (
          <button data-testid={TestIds.consoleSignOut} onClick={() => void api.call('logout', {}).finally(signOut)}>
            Sign out
          </button>
        ) : (
          !inElectron && (
            <button data-testid={TestIds.consoleSignIn} onClick={() => setSigningIn(true)}>
              Sign in as a team member
            </button>
          )
        )}
        <NotifyToggle api={api} me={me} />
        {window.consoleHub && <ConnectToHub hub={window.consoleHub} />}
        <a href={inElectron ? '#/wall' : '/wall'} target="_self">
          Wall only
        </a>
      </nav>
      {ended}
      {me.kind === 'user' && <SessionEnding onSignIn={() => setSigningIn(true)} />}
      <AlertBanner api={api} />
      <DeliveryAlerts
        api={api}
        onOpen={(id) => {
          setOpenStatement(id)
          setTab('statements')
        }}
      />
      <div className="console__body">
        <div className="console__main">
          {tab === 'wall' && <Wall api={api} kiosk={false} />}
          {tab === 'queue' && <QueueView api={api} me={me} />}
          {tab === 'incidents' && <IncidentsView api={api} me={me} />}
          {tab === 'statements' && <StatementsView api={api} me={me} open={openStatement} />}
          {tab === 'knowledge' && <KnowledgeView api={api} me={me} />}
          {tab === 'walls' && <WallsView api={api} />}
          {tab === 'team' && <MembersView api={api} me={me} />}
        </div>
        <aside className="console__side">
          <TeamPanel api={api} />
          <EngineStatus api={api} />
          <FeedsPanel api={api} roles={me.roles} />
        </aside>
      </div>
    </div>
  )
}

/** A shift outlasts a session (12 hours): said ahead, so signing in again comes between tasks, not mid-reply. */
function SessionEnding({ onSignIn }: { onSignIn: () => void }) {
  const now = useNow(30_000)
  const expiresAt = storedSession()?.expiresAt
  const left = expiresAt ? minutesLeftInSession(Date.parse(expiresAt), now) : null
  if (left === null) return null
  return (
    <p className="notice" role="status" data-testid={TestIds.sessionEnding}>
      Your session ends in {left} min, at{' '}
      {new Date(expiresAt!).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}. Sign in again now, between
      tasks, so it doesn’t end mid-reply.{' '}
      <button data-testid={TestIds.sessionSignInAgain} onClick={onSignIn}>
        Sign in again
      </button>
    </p>
  )
}

function EngineStatus({ api }: { api: ConsoleApi }) {
  const [health, setHealth] = useState<Health | null>(null)
  const [dead, setDead] = useState<DeadLetter[]>([])
  useEffect(() => {
    let cancelled = false
    const refresh = async () => {
      const [h, d] = await Promise.all([api.call('health', {}), api.call('deadLetters', { limit: 5 })])
      if (cancelled) return
      setHealth(h.ok ? h.value : null)
      if (d.ok) setDead(d.value)
    }
    void refresh()
    const t = setInterval(refresh, HEALTH_EVERY_MS)
    return () => {
      cancelled = true
      clearInterval(t)
    }
  }, [api])
  return (
    <section className="tile dead-letters" aria-label="Engine">
      <h2>Engine</h2>
      <p data-testid={TestIds.consoleHealth} className="muted">
        {health
          ? `${health.version} · broker ${health.broker.url}${health.broker.connected ? '' : ' (disconnected)'} · ${health.mentions} stored · ${health.duplicates} duplicates since start`
          : 'engine unreachable'}
      </p>
      {health && health.ahead.length > 0 && (
        <p className="error" data-testid={TestIds.consoleAhead}>
          Dated ahead of the stream:{' '}
          {health.ahead
            .map(
              (a) =>
                `${a.count} ${a.channel} (to ${new Date(a.latest).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })})`
            )
            .join(', ')}
          . A source’s clock or time zone may be wrong; the wall counts them once their minute comes.
        </p>
      )}
      <h2>
        Rejected input <span className="muted">(kept with the reason)</span>
      </h2>
      <p data-testid={TestIds.consoleDeadLetters}>{health ? `${health.deadLetters} rejected` : ''}</p>
      <ul>
        {dead.map((d) => (
          <li key={d.seq}>
            <span className="muted">{new Date(d.receivedAt).toLocaleTimeString()}</span> {d.reason}
          </li>
        ))}
      </ul>
    </section>
  )
}
