// The team's accounts: everyone sees who is on the team with which roles; an admin adds
// members, changes their roles and disables one who left (their consoles close at once).
// The engine enforces all of it; the controls only spare a non-admin a refusal.
import { useCallback, useEffect, useState } from 'react'
import type { ConsoleApi } from '../../../shared/api'
import { ROLES, type Role, type UserSummary } from '../../../shared/team'
import { TestIds } from '../../../shared/test-ids'
import type { Me } from '../queue/QueueView'

export function MembersView({ api, me }: { api: ConsoleApi; me: Me }) {
  const [members, setMembers] = useState<UserSummary[]>([])
  const [error, setError] = useState<string | null>(null)
  const admin = me.roles.includes('admin')

  const load = useCallback(async () => {
    const r = await api.call('listUsers', {})
    if (r.ok) setMembers(r.value)
  }, [api])
  useEffect(() => {
    void load()
    return api.subscribe((e) => e.type === 'account' && void load())
  }, [api, load])

  /** Runs an admin's change and shows the engine's refusal, if any. */
  const act = async (call: Promise<{ ok: boolean; error?: { message: string } }>) => {
    const r = await call
    setError(r.ok ? null : (r.error?.message ?? 'failed'))
    if (r.ok) await load()
    return r.ok
  }

  return (
    <section className="tile members" data-testid={TestIds.membersPanel} aria-label="Team members">
      <h2>Team members</h2>
      <p className="muted">{admin ? 'Roles count from a member’s next request. Disabling a member who left ends their sessions and closes their consoles; their name stays on timelines and claims.' : 'Only an admin changes the team.'}</p>
      {error && (
        <p className="error" role="alert" data-testid={TestIds.membersError}>
          {error}
        </p>
      )}
      <ul className="members__list">
        {members.map((m) => (
          <MemberRow key={m.id} member={m} admin={admin} onRoles={(roles) => act(api.call('changeUserRoles', { name: m.name, roles }))} onDisable={() => act(api.call('disableUser', { name: m.name }))} />
        ))}
        {members.length === 0 && <li className="muted">No named members yet: on this machine you are the local operator.</li>}
      </ul>
      {admin && <AddMember onAdd={(name, password, roles) => act(api.call('createUser', { name, password, roles }))} />}
    </section>
  )
}

function MemberRow({ member, admin, onRoles, onDisable }: { member: UserSummary; admin: boolean; onRoles: (roles: Role[]) => Promise<boolean>; onDisable: () => Promise<boolean> }) {
  const [roles, setRoles] = useState<Role[]>(member.roles)
  /** disabling asks once more, in place: a slip of the mouse would lock a colleague out mid-crisis */
  const [confirming, setConfirming] = useState(false)
  useEffect(() => setRoles(member.roles), [member.roles])
  const changed = roles.join() !== member.roles.join()
  return (
    <li data-testid={TestIds.memberRow(member.name)}>
      <strong>{member.name}</strong>{' '}
      {admin ? (
        <>
          <RolePicker id={member.name} roles={roles} onChange={setRoles} />
          <button data-testid={TestIds.memberSaveRoles(member.name)} disabled={!changed || roles.length === 0} onClick={() => void onRoles(roles)}>
            Save roles
          </button>
          {confirming ? (
            <>
              <button data-testid={TestIds.memberDisableConfirm(member.name)} onClick={() => void onDisable().then(() => setConfirming(false))}>
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

function RolePicker({ id, roles, onChange }: { id: string; roles: Role[]; onChange: (roles: Role[]) => void }) {
  return (
    <span className="members__roles">
      {ROLES.map((r) => (
        <label key={r}>
          <input type="checkbox" data-testid={TestIds.memberRole(id, r)} checked={roles.includes(r)} onChange={(e) => onChange(ROLES.filter((x) => (x === r ? e.target.checked : roles.includes(x))))} /> {r}
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
      <input data-testid={TestIds.memberAddName} aria-label="name" placeholder="Name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={64} />
      <input data-testid={TestIds.memberAddPassword} aria-label="password" type="password" placeholder="Password, at least 12 characters" value={password} onChange={(e) => setPassword(e.target.value)} required minLength={12} autoComplete="new-password" />
      <RolePicker id="new" roles={roles} onChange={setRoles} />
      <button data-testid={TestIds.memberAdd} disabled={roles.length === 0}>
        Add member
      </button>
    </form>
  )
}
