// Sign-in, sessions and the "who is acting" of every request.
import { ROLES, type AccountChange, type Actor, type Role, type UserSummary } from '../../../shared/team'
import { refuse } from '../api/api-failure'
import { deviceByToken } from '../walls/walls-repo'
import { WALL_TOKEN_PREFIX } from '../../../shared/wall'
import type { Db } from '../store/db'
import { DUMMY_HASH, hashPassword, verifyPassword } from './passwords'
import {
  countAdmins,
  countUsers,
  findSession,
  findUserById,
  findUserByName,
  insertSession,
  accountChangesAfter,
  insertUser,
  lastAccountLogId,
  logAccountChange,
  recordLoginFailure,
  recordLoginSuccess,
  revokeSession,
  revokeUserSessions,
  setDisabled,
  setPasswordHash,
  setRoles,
  toUserSummary,
  type UserRow
} from './users-repo'

export interface AccountPolicy {
  /** how long a session lasts; default 12 hours, one long crisis shift */
  sessionTtlMs: number
  /** failed logins in a row before the account locks; default 5 */
  lockAfter: number
  /** how long a locked account stays locked; default 15 minutes */
  lockMs: number
}

export const DEFAULT_ACCOUNT_POLICY: AccountPolicy = { sessionTtlMs: 12 * 3600_000, lockAfter: 5, lockMs: 15 * 60_000 }

const sessionsEnded = (n: number) => `${n} ${n === 1 ? 'session' : 'sessions'} ended`

export const LOCAL_OPERATOR: Actor = { kind: 'local', name: 'local operator', roles: [...ROLES] }

/** An account changed: the engine tells every console (the CLI, in its own process, can't). */
export type AccountListener = (user: UserSummary, change: AccountChange) => void

export class Accounts {
  constructor(
    private readonly writerDb: Db,
    private readonly readDb: Db,
    private readonly now: () => number,
    private readonly policy: AccountPolicy = DEFAULT_ACCOUNT_POLICY,
    private readonly onChange: AccountListener = () => {}
  ) {}

  /**
   * Runs one change to an account in a transaction with its line in the account log, then
   * announces it. `apply` returns the account as it is now and the log's detail.
   */
  private async change(
    change: AccountChange,
    by: string,
    apply: () => Promise<{ user: UserSummary; detail?: string }>
  ): Promise<UserSummary> {
    const { user } = await this.writerDb.transaction(async () => {
      const done = await apply()
      // noted before the commit, so the watch below can never see it first and announce it twice
      this.announcedHere.add(
        await logAccountChange(this.writerDb, done.user.id, change, by, done.detail ?? null, this.now())
      )
      return done
    })
    this.onChange(user, change)
    return user
  }

  /** log lines this process wrote and announced itself */
  private readonly announcedHere = new Set<number>()

  /**
   * Announces the changes another process made (the CLI, on the same data folder) from
   * the account log, every `everyMs`: a member disabled there loses their open consoles
   * within that time, not at their next request. Resolves, once it watches from the log's
   * end, to its stop function.
   */
  async watchOtherProcesses(everyMs: number, onError: (err: Error) => void): Promise<() => void> {
    let cursor = await lastAccountLogId(this.readDb)
    let busy = false
    const tick = async () => {
      if (busy) return
      busy = true
      try {
        for (const line of await accountChangesAfter(this.readDb, cursor)) {
          cursor = line.id
          if (!this.announcedHere.delete(line.id)) this.onChange(line.user, line.change)
        }
      } catch (err) {
        onError(err as Error)
      } finally {
        busy = false
      }
    }
    const timer = setInterval(() => void tick(), everyMs)
    timer.unref()
    return () => clearInterval(timer)
  }

  /** `by`: who is acting, for the account log (a member's name, "command line (…)") */
  async createUser(name: string, password: string, roles: Role[], by: string): Promise<UserSummary> {
    const hash = await hashPassword(password)
    return this.change('created', by, async () => {
      if (await findUserByName(this.writerDb, name)) refuse('conflict', `a user named "${name}" already exists`)
      const user = await insertUser(this.writerDb, name, hash, roles, this.now())
      return { user, detail: user.roles.join(', ') }
    })
  }

  async login(name: string, password: string): Promise<{ token: string; expiresAt: string; user: UserSummary }> {
    const user = await findUserByName(this.readDb, name)
    // Verify even for unknown names, so the answer takes the same time either way.
    const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH)
    if (!user || user.disabled) return refuse('unauthorized', 'wrong user name or password')
    if (user.locked_until_ms > this.now()) {
      return refuse(
        'rate_limited',
        `account locked after ${this.policy.lockAfter} failed sign-ins; try again after ${new Date(user.locked_until_ms).toISOString()} or ask an admin`
      )
    }
    if (!ok) {
      await this.failedSignIn(user, 'failed sign-ins')
      return refuse('unauthorized', 'wrong user name or password')
    }
    const session = await this.writerDb.transaction(async () => {
      await recordLoginSuccess(this.writerDb, user.id)
      return insertSession(this.writerDb, user.id, this.now(), this.policy.sessionTtlMs)
    })
    return { token: session.token, expiresAt: new Date(session.expiresMs).toISOString(), user: toUserSummary(user) }
  }

  /** Counts a wrong password; the one that locks the account is logged and announced, so an admin sees it at once. */
  private async failedSignIn(user: UserRow, what: string): Promise<void> {
    const record = () =>
      recordLoginFailure(this.writerDb, user.id, this.policy.lockAfter, this.policy.lockMs, this.now())
    if (user.failed_logins + 1 < this.policy.lockAfter) return void (await this.writerDb.transaction(record))
    await this.change('locked', 'sign-in', async () => {
      await record()
      return {
        user: toUserSummary(user),
        detail: `after ${user.failed_logins + 1} ${what}, for ${Math.round(this.policy.lockMs / 60_000)} minutes`
      }
    })
  }

  /** Lifts a lockout (an admin's answer to "account locked"). */
  async unlock(name: string, by: string): Promise<UserSummary> {
    return this.change('unlocked', by, async () => {
      const user = await this.existingUser(name)
      await recordLoginSuccess(this.writerDb, user.id)
      return { user: toUserSummary(user) }
    })
  }

  /** Sets a new password and signs the member out everywhere. */
  async resetPassword(name: string, password: string, by: string): Promise<UserSummary> {
    const hash = await hashPassword(password)
    return this.change('password', by, async () => {
      const user = await this.existingUser(name)
      await setPasswordHash(this.writerDb, user.id, hash)
      const ended = await revokeUserSessions(this.writerDb, user.id, this.now())
      return { user: toUserSummary(user), detail: `set for them; ${sessionsEnded(ended)}` }
    })
  }

  /**
   * A member's own new password, after the current one: their other sessions end (a
   * console left signed in elsewhere), the one asking stays signed in.
   */
  async changeOwnPassword(
    userId: number,
    current: string,
    password: string,
    keepToken: string
  ): Promise<{ otherSessionsEnded: number }> {
    const user = (await findUserById(this.readDb, userId)) ?? refuse('not_found', 'this account no longer exists')
    // guesses at the current password count as failed sign-ins: a console left open is no
    // licence to find out the password
    if (user.locked_until_ms > this.now())
      return refuse(
        'rate_limited',
        `locked after ${this.policy.lockAfter} wrong passwords; try again after ${new Date(user.locked_until_ms).toISOString()} or ask an admin`
      )
    if (!(await verifyPassword(current, user.password_hash))) {
      await this.failedSignIn(user, 'wrong current passwords')
      return refuse('forbidden', 'the current password is wrong')
    }
    const hash = await hashPassword(password)
    let otherSessionsEnded = 0
    await this.change('password', user.name, async () => {
      await setPasswordHash(this.writerDb, user.id, hash)
      otherSessionsEnded = await revokeUserSessions(this.writerDb, user.id, this.now(), keepToken)
      return { user: toUserSummary(user), detail: `their own; ${sessionsEnded(otherSessionsEnded)}` }
    })
    return { otherSessionsEnded }
  }

  /** Gives a member other roles; they apply from the member's next request. */
  async changeRoles(name: string, roles: Role[], by: string): Promise<UserSummary> {
    return this.change('roles', by, async () => {
      const user = await this.enabledUser(name)
      if (!roles.includes('admin')) await this.refuseLastAdmin(user, 'take admin from')
      await setRoles(this.writerDb, user.id, roles)
      const before = toUserSummary(user)
      const after = { ...before, roles: [...new Set(roles)] }
      return { user: after, detail: `${before.roles.join(', ')} → ${after.roles.join(', ')}` }
    })
  }

  /**
   * Disables a member who left the team: they can't sign in, and every session of theirs
   * stops working at once. Their name stays on timelines and claims; `enable` undoes it.
   */
  async disable(name: string, by: string): Promise<UserSummary> {
    return this.change('disabled', by, async () => {
      const user = await this.enabledUser(name)
      await this.refuseLastAdmin(user, 'disable')
      await setDisabled(this.writerDb, user.id, true)
      const ended = await revokeUserSessions(this.writerDb, user.id, this.now())
      return { user: toUserSummary(user), detail: sessionsEnded(ended) }
    })
  }

  async enable(name: string, by: string): Promise<UserSummary> {
    return this.change('enabled', by, async () => {
      const user = await this.existingUser(name)
      if (!user.disabled) refuse('conflict', `${name} is not disabled`)
      await setDisabled(this.writerDb, user.id, false)
      return { user: toUserSummary(user) }
    })
  }

  private async existingUser(name: string): Promise<UserRow> {
    return (await findUserByName(this.writerDb, name)) ?? refuse('not_found', `no user named "${name}"`)
  }

  private async enabledUser(name: string): Promise<UserRow> {
    const user = await this.existingUser(name)
    if (user.disabled) refuse('conflict', `${name} is disabled; enable them first`)
    return user
  }

  /** A team without an admin could add, fix or remove no one. */
  private async refuseLastAdmin(user: UserRow, what: string): Promise<void> {
    if (toUserSummary(user).roles.includes('admin') && (await countAdmins(this.writerDb)) <= 1) {
      refuse('conflict', `can't ${what} ${user.name}, the last admin; make another member admin first`)
    }
  }

  async logout(token: string): Promise<void> {
    await this.writerDb.transaction(() => revokeSession(this.writerDb, token, this.now()))
  }

  /** When a session token stops working (ms), or null for one that isn't a live session. */
  async sessionExpiry(token: string): Promise<number | null> {
    const session = await findSession(this.readDb, token)
    return session && session.revoked_ms === null ? session.expires_ms : null
  }

  /** The actor behind a session token, or a refusal naming why not (unknown, expired, revoked). */
  async authenticate(token: string): Promise<Actor> {
    if (token.startsWith(WALL_TOKEN_PREFIX)) return this.authenticateWall(token)
    const session = await findSession(this.readDb, token)
    if (!session) return refuse('unauthorized', 'unknown session token; sign in again')
    if (session.revoked_ms !== null) return refuse('unauthorized', 'this session was signed out; sign in again')
    if (session.expires_ms <= this.now()) return refuse('unauthorized', 'session expired; sign in again')
    const user = await findUserById(this.readDb, session.user_id)
    if (!user || user.disabled) return refuse('unauthorized', 'this account is disabled')
    const summary = toUserSummary(user)
    return { kind: 'user', userId: summary.id, name: summary.name, roles: summary.roles }
  }

  /** A paired wall screen: viewer-only, and only while its pairing stands. */
  private async authenticateWall(token: string): Promise<Actor> {
    const device = await deviceByToken(this.readDb, token)
    if (!device) return refuse('unauthorized', 'unknown wall token; pair this screen again')
    if (device.revoked_ms !== null)
      return refuse('unauthorized', 'this wall screen was unpaired; pair it again from a console')
    const now = this.now()
    if (device.last_seen_ms === null || now - device.last_seen_ms > 60_000) {
      await this.writerDb.run('UPDATE wall_devices SET last_seen_ms = ? WHERE id = ?', [now, device.id])
    }
    return { kind: 'wall', deviceId: device.id, name: `wall screen "${device.name}"`, roles: [] }
  }

  hasUsers = async (): Promise<boolean> => (await countUsers(this.readDb)) > 0
  adminCount = (): Promise<number> => countAdmins(this.readDb)
}
