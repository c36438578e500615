// What every handler gets: the two connections, the clock, the event stream, accounts.
import type { EngineEvent, MethodName, ParsedParamsOf, ResultOf } from '../../../shared/api'
import type { Actor } from '../../../shared/team'
import type { Accounts } from '../team/accounts'
import type { Db } from '../store/db'
import type { Logger } from '../logger'

export interface HandlerContext {
  writerDb: Db
  readDb: Db
  /** reads that may cross a whole table (Store.scanDb) */
  scanDb: Db
  now: () => number
  emit: (event: EngineEvent) => void
  accounts: Accounts
  log: Logger
}

/** Per call: who is acting, and the bearer token when the call came with one (for logout). */
export interface CallContext {
  actor: Actor | null
  token?: string
}

export type Handler<M extends MethodName> = (
  params: ParsedParamsOf<M>,
  call: CallContext & { actor: Actor }
) => Promise<ResultOf<M>>
export type Handlers<M extends MethodName> = { [K in M]: Handler<K> }
