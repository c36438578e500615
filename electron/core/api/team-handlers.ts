// Sign-in and the team: sessions, users, presence.
import type { PresenceEntry, Role, UserSummary } from '../../../shared/team'
import { refuse } from './api-failure'
import type { Handlers, HandlerContext } from './context'
import { heldCounts } from '../queue/queue-repo'
import { accountLog, listAccounts, listUsers } from '../team/users-repo'

/** Who is connected right now, counted per person across their consoles. */
export class Presence {
  private readonly online = new Map<
    string,
    { name: string; roles: Role[]; userId: number | null; connections: number }
  >()

  constructor(private readonly ctx: Pick<HandlerContext, 'readDb' | 'emit' | 'log'>) {}

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
      .map((e) => ({
        name: e.name,
        roles: e.roles,
        connections: e.connections,
        holding: e.userId === null ? 0 : (held.get(e.userId) ?? 0)
      }))
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
): Handlers<
  | 'login'
  | 'logout'
  | 'me'
  | 'listUsers'
  | 'listAccounts'
  | 'accountLog'
  | 'createUser'
  | 'unlockUser'
  | 'changeUserRoles'
  | 'setUserPassword'
  | 'changeOwnPassword'
  | 'disableUser'
  | 'enableUser'
  | 'presence'
> {
  // Accounts logs and announces every change itself (see the engine): these only say who acts.
  return {
    login: ({ user, password }) => ctx.accounts.login(user, password),
    async logout(_p, call) {
      // the local operator's page token (and a wall's) is not a session: nothing ends, and
      // that is no error (a console that switches to a named sign-in asks every time)
      if (!call.token || call.actor.kind !== 'user') return { signedOut: false }
      await ctx.accounts.logout(call.token)
      return { signedOut: true }
    },
    me: async (_p, { actor }) => ({ name: actor.name, roles: actor.roles, kind: actor.kind }),
    listUsers: () => listUsers(ctx.readDb),
    listAccounts: () => listAccounts(ctx.readDb, ctx.now()),
    accountLog: ({ limit }) => accountLog(ctx.readDb, limit),
    createUser: ({ name, password, roles }, { actor }) => ctx.accounts.createUser(name, password, roles, actor.name),
    unlockUser: ({ name }, { actor }) => ctx.accounts.unlock(name, actor.name),
    changeUserRoles: ({ name, roles }, { actor }) => ctx.accounts.changeRoles(name, roles, actor.name),
    setUserPassword: ({ name, password }, { actor }) => ctx.accounts.resetPassword(name, password, actor.name),
    changeOwnPassword({ current, password }, { actor, token }) {
      if (actor.kind !== 'user' || !token)
        return refuse('bad_request', 'only a signed-in member has a password to change')
      return ctx.accounts.changeOwnPassword(actor.userId, current, password, token)
    },
    disableUser: ({ name }, { actor }) => ctx.accounts.disable(name, actor.name),
    enableUser: ({ name }, { actor }) => ctx.accounts.enable(name, actor.name),
    presence: () => presence.list()
  }
}
