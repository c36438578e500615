// Sign-in and the team: sessions, users, presence.
import type { PresenceEntry, Role } from '../../../shared/team'
import { refuse } from './api-failure'
import type { Handlers, HandlerContext } from './context'
import { heldCounts } from '../queue/queue-repo'
import { listUsers } from '../team/users-repo'

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

export function teamHandlers(ctx: HandlerContext, presence: Presence): Handlers<'login' | 'logout' | 'me' | 'listUsers' | 'createUser' | 'unlockUser' | 'changeUserRoles' | 'disableUser' | 'enableUser' | 'presence'> {
  return {
    login: ({ user, password }) => ctx.accounts.login(user, password),
    async logout(_p, call) {
      if (!call.token || call.actor.kind !== 'user') return refuse('bad_request', 'no signed-in session to sign out of')
      await ctx.accounts.logout(call.token)
      return { signedOut: true }
    },
    me: async (_p, { actor }) => ({ name: actor.name, roles: actor.roles, kind: actor.kind }),
    listUsers: () => listUsers(ctx.readDb),
    createUser: ({ name, password, roles }) => ctx.accounts.createUser(name, password, roles),
    unlockUser: ({ name }) => ctx.accounts.unlock(name),
    changeUserRoles: ({ name, roles }) => ctx.accounts.changeRoles(name, roles),
    async disableUser({ name }) {
      const user = await ctx.accounts.disable(name)
      ctx.emit({ type: 'account', user, disabled: true })
      return user
    },
    async enableUser({ name }) {
      const user = await ctx.accounts.enable(name)
      ctx.emit({ type: 'account', user, disabled: false })
      return user
    },
    presence: () => presence.list()
  }
}
