// Sign-in and the team: sessions, users, presence.
import type { AccountChange, PresenceEntry, Role, UserSummary } from '../../../shared/team'
import { refuse } from './api-failure'
import type { Handlers, HandlerContext } from './context'
import { heldCounts } from '../queue/queue-repo'
import { listAccounts, listUsers } from '../team/users-repo'

/** Who is connected right now, counted per person across their consoles. */
export class Presence {
  private readonly online = new Map<string, { name: string; roles: Role[]; userId: number | null; connections: number }>()

  constructor(private readonly ctx: HandlerContext) {}

  /** Registers a console; returns its leave function (every subscription returns its unsubscribe). */
  join(actor: { name: string; roles: Role[]; userId: number | null }): () => void {
    const key = actor.userId === null ? `local:${actor.name}` : `user:${actor.userId}`
    const entry = this.online.get(key) ?? { ...actor, connections: 0 }
    entry.connections++
    this.online.set(key, entry)
    void this.announce()
    let left = false
    return () => {
      if (left) return
      left = true
      entry.connections--
      if (entry.connections === 0) this.online.delete(key)
      void this.announce()
    }
  }

  /** A member on duty got other roles: the team panel shows them from now, not from their next connection. */
  changeRoles(user: UserSummary): void {
    const entry = this.online.get(`user:${user.id}`)
    if (!entry) return
    entry.roles = user.roles
    void this.announce()
  }

  async list(): Promise<PresenceEntry[]> {
    const held = await heldCounts(this.ctx.readDb)
    return [...this.online.values()]
      .map((e) => ({ name: e.name, roles: e.roles, connections: e.connections, holding: e.userId === null ? 0 : (held.get(e.userId) ?? 0) }))
      .sort((a, b) => a.name.localeCompare(b.name))
  }

  /** Best effort: a console that misses one announcement gets the next, or asks. */
  async announce(): Promise<void> {
    if (this.stopped) return
    try {
      this.ctx.emit({ type: 'presence', online: await this.list() })
    } catch (err) {
      if (!this.stopped) this.ctx.log.warn(`presence: ${(err as Error).message}`)
    }
  }

  private stopped = false
  /** After this, consoles leaving (as the web host closes) no longer touch the store. */
  stop(): void {
    this.stopped = true
  }
}

export function teamHandlers(
  ctx: HandlerContext,
  presence: Presence
): Handlers<'login' | 'logout' | 'me' | 'listUsers' | 'listAccounts' | 'createUser' | 'unlockUser' | 'changeUserRoles' | 'setUserPassword' | 'changeOwnPassword' | 'disableUser' | 'enableUser' | 'presence'> {
  /** Every change to an account is announced: team lists stay current, and the web host closes the consoles of a session it ended. */
  const announce = async (change: AccountChange, done: Promise<UserSummary>): Promise<UserSummary> => {
    const user = await done
    ctx.emit({ type: 'account', user, change })
    return user
  }
  return {
    login: ({ user, password }) => ctx.accounts.login(user, password),
    async logout(_p, call) {
      if (!call.token || call.actor.kind !== 'user') return refuse('bad_request', 'no signed-in session to sign out of')
      await ctx.accounts.logout(call.token)
      return { signedOut: true }
    },
    me: async (_p, { actor }) => ({ name: actor.name, roles: actor.roles, kind: actor.kind }),
    listUsers: () => listUsers(ctx.readDb),
    listAccounts: () => listAccounts(ctx.readDb, ctx.now()),
    createUser: ({ name, password, roles }) => announce('created', ctx.accounts.createUser(name, password, roles)),
    unlockUser: ({ name }) => announce('unlocked', ctx.accounts.unlock(name)),
    async changeUserRoles({ name, roles }) {
      const user = await announce('roles', ctx.accounts.changeRoles(name, roles))
      presence.changeRoles(user)
      return user
    },
    setUserPassword: ({ name, password }) => announce('password', ctx.accounts.resetPassword(name, password)),
    async changeOwnPassword({ current, password }, { actor, token }) {
      if (actor.kind !== 'user' || !token) return refuse('bad_request', 'only a signed-in member has a password to change')
      const result = await ctx.accounts.changeOwnPassword(actor.userId, current, password, token)
      ctx.emit({ type: 'account', user: { id: actor.userId, name: actor.name, roles: actor.roles }, change: 'password' })
      return result
    },
    disableUser: ({ name }) => announce('disabled', ctx.accounts.disable(name)),
    enableUser: ({ name }) => announce('enabled', ctx.accounts.enable(name)),
    presence: () => presence.list()
  }
}
