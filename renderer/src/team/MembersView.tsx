// The team's accounts: everyone sees who is on the team with which roles, and a member
// changes their own password; an admin adds members, changes their roles, sets a new
// password, lifts a lockout, and disables one who left (their consoles close at once) or
// takes them back. The engine enforces all of it; the controls only spare a refusal.
import { useEffect, useState } from 'react'
import type { ConsoleApi } from '../../../shared/api'
import { ROLES, type AccountChange, type MemberAccount, type Role } from '../../../shared/team'
import { TestIds } from '../../../shared/test-ids'
import { useLiveCall } from '../api/use-live-call'
import type { Me } from '../queue/QueueView'

const isAccountEvent = (e: { type: string }) => e.type === 'account'
const MIN_PASSWORD = 12

export function MembersView({ api, me }: { api: ConsoleApi; me: Me & { kind?: string } }) {
  const admin = me.roles.includes('admin')
  // an admin sees every account with its state; everyone else, the active members
  const accounts = useLiveCall(api, 'listAccounts', admin ? {} : null, isAccountEvent)
  const users = useLiveCall(api, 'listUsers', admin ? null : {}, isAccountEvent)
  const all: MemberAccount[] = admin
    ? (accounts.value ?? [])
    : (users.value ?? []).map((u) => ({ ...u, disabled: false, lockedUntil: null }))
  const active = all.filter((m) => !m.disabled)
  const former = all.filter((m) => m.disabled)
  const [error, setError] = useState<string | null>(null)

  /** Runs an admin's change and shows the engine's refusal, if any. */
  const act = async (call: Promise<{ ok: boolean; error?: { message: string } }>) => {
    const r = await call
    setError(r.ok ? null : (r.error?.message ?? 'failed'))
    if (r.ok) await (admin ? accounts.reload() : users.reload())
    return r.ok
  }

  return (
    <section className="tile members" data-testid={TestIds.membersPanel} aria-label="Team members">
      <h2>Team members</h2>
      <p className="muted">
        {admin
          ? 'New roles reach a member’s open console at once. Disabling a member who left ends their sessions and closes their consoles; their name stays on timelines and claims.'
          : 'Only an admin changes the team.'}
      </p>
      {error && (
        <p className="error" role="alert" data-testid={TestIds.membersError}>
          {error}
        </p>
      )}
      <ul className="members__list">
        {active.map((m) => (
          <MemberRow
            key={m.id}
            member={m}
            admin={admin}
            onRoles={(roles) => act(api.call('changeUserRoles', { name: m.name, roles }))}
            onPassword={(password) => act(api.call('setUserPassword', { name: m.name, password }))}
            onUnlock={() => act(api.call('unlockUser', { name: m.name }))}
            onDisable={() => act(api.call('disableUser', { name: m.name }))}
          />
        ))}
        {active.length === 0 && (
          <li className="muted">No named members yet: on this machine you are the local operator.</li>
        )}
      </ul>
      {admin && former.length > 0 && (
        <>
          <h3>Disabled</h3>
          <ul className="members__list">
            {former.map((m) => (
              <li key={m.id} data-testid={TestIds.memberRow(m.name)}>
                <strong>{m.name}</strong> <span className="muted">{m.roles.join(', ')}: can’t sign in</span>
                <button
                  data-testid={TestIds.memberEnable(m.name)}
                  onClick={() => void act(api.call('enableUser', { name: m.name }))}
                >
                  Enable
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {admin && <AddMember onAdd={(name, password, roles) => act(api.call('createUser', { name, password, roles }))} />}
      {admin && <AccountLog api={api} />}
      {me.kind === 'user' && <OwnPassword api={api} />}
    </section>
  )
}

const CHANGE_LABELS: Record<AccountChange, string> = {
  created: 'added',
  roles: 'roles changed',
  password: 'new password',
  locked: 'locked out',
  unlocked: 'unlocked',
  disabled: 'disabled',
  enabled: 'enabled'
}

/** Who changed which account, newest first: for an admin asking "who gave sam admin?". */
function AccountLog({ api }: { api: ConsoleApi }) {
  const { value: log = [] } = useLiveCall(api, 'accountLog', { limit: 20 }, isAccountEvent)
  if (log.length === 0) return null
  return (
    <>
      <h3>Recent changes</h3>
      <ol className="members__log" data-testid={TestIds.accountLog}>
        {log.map((e, i) => (
          <li key={i}>
            <span className="muted">
              {new Date(e.at).toLocaleString([], {
                month: 'short',
                day: 'numeric',
                hour: '2-digit',
                minute: '2-digit'
              })}
            </span>{' '}
            <strong>{e.user}</strong> {CHANGE_LABELS[e.change]}
            {e.change !== 'locked' && ` by ${e.by}`}
            {e.detail && <span className="muted"> ({e.detail})</span>}
          </li>
        ))}
      </ol>
    </>
  )
}

const timeOf = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })

function MemberRow(props: {
  member: MemberAccount
  admin: boolean
  onRoles: (roles: Role[]) => Promise<boolean>
  onPassword: (password: string) => Promise<boolean>
  onUnlock: () => Promise<boolean>
  onDisable: () => Promise<boolean>
}) {
  const { member, admin, onRoles, onPassword, onUnlock, onDisable } = props
  const [roles, setRoles] = useState<Role[]>(member.roles)
  /** disabling asks once more, in place: a slip of the mouse would lock a colleague out mid-crisis */
  const [confirming, setConfirming] = useState(false)
  const [settingPassword, setSettingPassword] = useState(false)
  useEffect(() => setRoles(member.roles), [member.roles])
  const changed = roles.join() !== member.roles.join()
  return (
    <li data-testid={TestIds.memberRow(member.name)}>
      <strong>{member.name}</strong>{' '}
      {member.lockedUntil && (
        <span className="members__locked" data-testid={TestIds.memberLocked(member.name)}>
          locked after failed sign-ins until {timeOf(member.lockedUntil)}
        </span>
      )}
      {admin ? (
        <>
          <RolePicker id={member.name} roles={roles} onChange={setRoles} />
          <button
            data-testid={TestIds.memberSaveRoles(member.name)}
            disabled={!changed || roles.length === 0}
            onClick={() => void onRoles(roles)}
          >
            Save roles
          </button>
          {member.lockedUntil && (
            <button data-testid={TestIds.memberUnlock(member.name)} onClick={() => void onUnlock()}>
              Unlock
            </button>
          )}
          {settingPassword ? (
            <NewPassword
              id={member.name}
              label={`New password for ${member.name}`}
              onSave={(p) => onPassword(p).then((ok) => ok && setSettingPassword(false))}
              onCancel={() => setSettingPassword(false)}
            />
          ) : (
            <button data-testid={TestIds.memberSetPassword(member.name)} onClick={() => setSettingPassword(true)}>
              Set password
            </button>
          )}
          {confirming ? (
            <>
              <button
                data-testid={TestIds.memberDisableConfirm(member.name)}
                onClick={() => void onDisable().then(() => setConfirming(false))}
              >
                Yes, disable {member.name}
              </button>
              <button onClick={() => setConfirming(false)}>Keep</button>
            </>
          ) : (
            <button data-testid={TestIds.memberDisable(member.name)} onClick={() => setConfirming(true)}>
              Disable
            </button>
          )}
        </>
      ) : (
        <span className="muted">{member.roles.join(', ')}</span>
      )}
    </li>
  )
}

/** A password field with its save button; the member is signed out everywhere when an admin saves it. */
function NewPassword({
  id,
  label,
  onSave,
  onCancel
}: {
  id: string
  label: string
  onSave: (password: string) => Promise<unknown>
  onCancel: () => void
}) {
  const [password, setPassword] = useState('')
  return (
    <form
      className="members__password"
      onSubmit={(e) => {
        e.preventDefault()
        void onSave(password)
      }}
    >
      <input
        data-testid={TestIds.memberPassword(id)}
        aria-label={label}
        type="password"
        placeholder={`New password, ${MIN_PASSWORD}+ characters`}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        required
        minLength={MIN_PASSWORD}
        autoComplete="new-password"
      />
      <button data-testid={TestIds.memberPasswordSave(id)}>Save password</button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </form>
  )
}

/** A signed-in member's own password: the current one first; their other consoles sign out. */
function OwnPassword({ api }: { api: ConsoleApi }) {
  const [current, setCurrent] = useState('')
  const [password, setPassword] = useState('')
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null)
  return (
    <form
      className="members__add"
      data-testid={TestIds.ownPasswordForm}
      onSubmit={(e) => {
        e.preventDefault()
        void api.call('changeOwnPassword', { current, password }).then((r) => {
          if (!r.ok) return setOutcome({ ok: false, text: r.error.message })
          setCurrent('')
          setPassword('')
          const n = r.value.otherSessionsEnded
          setOutcome({
            ok: true,
            text: `Password changed.${n ? ` ${n} other ${n === 1 ? 'session was' : 'sessions were'} signed out.` : ''}`
          })
        })
      }}
    >
      <h3>Your password</h3>
      <input
        data-testid={TestIds.ownPasswordCurrent}
        aria-label="current password"
        type="password"
        placeholder="Current password"
        value={current}
        onChange={(e) => setCurrent(e.target.value)}
        required
        autoComplete="current-password"
      />
      <input
        data-testid={TestIds.ownPasswordNew}
        aria-label="new password"
        type="password"
        placeholder={`New password, ${MIN_PASSWORD}+ characters`}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        required
        minLength={MIN_PASSWORD}
        autoComplete="new-password"
      />
      <button data-testid={TestIds.ownPasswordSave}>Change password</button>
      {outcome && (
        <p
          className={outcome.ok ? 'muted' : 'error'}
          role={outcome.ok ? 'status' : 'alert'}
          data-testid={TestIds.ownPasswordOutcome}
        >
          {outcome.text}
        </p>
      )}
    </form>
  )
}

function RolePicker({ id, roles, onChange }: { id: string; roles: Role[]; onChange: (roles: Role[]) => void }) {
  return (
    <span className="members__roles">
      {ROLES.map((r) => (
        <label key={r}>
          <input
            type="checkbox"
            data-testid={TestIds.memberRole(id, r)}
            checked={roles.includes(r)}
            onChange={(e) => onChange(ROLES.filter((x) => (x === r ? e.target.checked : roles.includes(x))))}
          />{' '}
          {r}
        </label>
      ))}
    </span>
  )
}

function AddMember({ onAdd }: { onAdd: (name: string, password: string, roles: Role[]) => Promise<boolean> }) {
  const [name, setName] = useState('')
  const [password, setPassword] = useState('')
  const [roles, setRoles] = useState<Role[]>(['viewer'])
  return (
    <form
      className="members__add"
      onSubmit={(e) => {
        e.preventDefault()
        void onAdd(name.trim(), password, roles).then((ok) => ok && (setName(''), setPassword('')))
      }}
    >
      <h3>Add a member</h3>
      <input
        data-testid={TestIds.memberAddName}
        aria-label="name"
        placeholder="Name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        required
        maxLength={64}
      />
      <input
        data-testid={TestIds.memberAddPassword}
        aria-label="password"
        type="password"
        placeholder={`Password, ${MIN_PASSWORD}+ characters`}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        required
        minLength={MIN_PASSWORD}
        autoComplete="new-password"
      />
      <RolePicker id="new" roles={roles} onChange={setRoles} />
      <button data-testid={TestIds.memberAdd} disabled={roles.length === 0}>
        Add member
      </button>
    </form>
  )
}
