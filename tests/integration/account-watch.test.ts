// Two processes on one data folder, as a running console and the CLI are: the console
// announces the changes the CLI made, each once, and never its own a second time.
import { afterEach, expect, it } from 'vitest'
import type { AccountChange, UserSummary } from '../../shared/team'
import { Accounts } from '../../electron/core/team/accounts'
import { openStore, type Store } from '../../electron/core/store/open-store'
import { makeTempDir } from '../support/temp-dir'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function processOn(
  dir: string,
  onChange?: (user: UserSummary, change: AccountChange) => void
): Promise<Accounts> {
  const store: Store = await openStore(dir)
  cleanups.push(() => store.close())
  return new Accounts(store.writerDb, store.readDb, Date.now, undefined, onChange)
}

it('announces what another process changed, once each, and its own changes only once', async () => {
  const tmp = makeTempDir('accounts')
  cleanups.push(tmp.remove)
  const heard: string[] = []
  const waiting: { what: string; resolve: () => void }[] = []
  const engine = await processOn(tmp.dir, (user, change) => {
    heard.push(`${user.name} ${change}`)
    for (const w of waiting.filter((w) => w.what === `${user.name} ${change}`)) w.resolve()
  })
  const hear = (what: string) =>
    heard.includes(what) ? Promise.resolve() : new Promise<void>((resolve) => waiting.push({ what, resolve }))
  const cli = await processOn(tmp.dir)
  cleanups.push(await engine.watchOtherProcesses(10, (err) => heard.push(`error ${err.message}`)))

  await cli.createUser('adam', 'a long password 1', ['admin'], 'command line (test)')
  await cli.createUser('sam', 'a long password 2', ['service'], 'command line (test)')
  await hear('sam created')
  await engine.changeRoles('sam', ['pr'], 'adam') // announced here, at once
  await cli.disable('sam', 'command line (test)')
  await hear('sam disabled')
  // in log order, so by now a second announcement of the engine's own change would have come
  expect(heard).toEqual(['adam created', 'sam created', 'sam roles', 'sam disabled'])
})
