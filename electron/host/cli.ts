// `crisis-console`: the command line (DESIGN 4.1). Runs under plain Node >= 20.
import fs from 'node:fs'
import path from 'node:path'
import os from 'node:os'
import { describeIssues, MAX_LEAD_MS, parseIsoInstant } from '../../shared/mention'
import { ROLES, TeamParams } from '../../shared/team'
import { ApiFailure } from '../core/api/api-failure'
import { openStore } from '../core/store/open-store'
import { Accounts } from '../core/team/accounts'
import { listAccounts } from '../core/team/users-repo'
import { topics } from '../../shared/topics'
import { ashCloud, ASH_CLOUD } from '../core/drill/ash-cloud'
import { replay } from '../core/drill/replay'
import { parseBrokerUrl } from '../core/bus/broker-url'
import { fileLogger } from '../core/logger'
import type { BrokerOption } from '../core/engine'
import { builtRendererDir, defaultDataDir } from './app-paths'
import {
  parse,
  parseChoice,
  parseHostPort,
  parseInteger,
  parsePositiveNumber,
  ServeRefused,
  UsageError
} from './cli-args'
import pkg from '../../package.json'

/** the engine's log, in the data folder */
export const LOG_FILE = 'crisis-console.log'

const HELP: Record<string, string> = {
  main: `Usage: crisis-console <command> [options]

Commands:
  serve     the engine and the web host (console at /, wall at /wall)
  users     manage team accounts (users add NAME --role ROLE[,ROLE])
  replay    publish a deterministic drill scenario to a broker
  bench     run the benchmarks and print a JSON report
  sentiment score texts: --in TEXTS.jsonl --out SCORED.jsonl
  detect    spike scores for a series: --in SERIES.csv --out SCORES.csv
  eval      the analyzers on the labeled sets in ../shared/eval, next to the baselines
  export    the post-incident review: --incident ID --format md|html|pdf|json|csv --out FILE
  import    CSV or JSON-lines exports of listening tools: import FILE

Run "crisis-console <command> --help" for a command's options.`,
  serve: `Usage: crisis-console serve [--data DIR] [--http HOST:PORT] [--mqtt HOST:PORT | --broker URL] [--demo ash-cloud|none]
                            [--tls-cert FILE --tls-key FILE]

  --data DIR         where the SQLite store lives (default: ${defaultDataDir()})
  --http HOST:PORT   web host and API (default 127.0.0.1:4820; port 0 = any free port).
                     A host other than loopback (e.g. 0.0.0.0) is LAN mode: everyone signs
                     in, and it is refused until an admin account exists
  --tls-cert FILE    serve HTTPS with this PEM certificate (and --tls-key)
  --tls-key FILE     the certificate's PEM private key
  --mqtt HOST:PORT   embedded MQTT broker (default 127.0.0.1:1883)
  --broker URL       use an external broker instead: mqtt://, mqtts://, ws://, wss://,
                     credentials as mqtt://user:password@host:1883
  --demo NAME        ash-cloud runs the drill through the broker; none (default) doesn't

Prints "ready <http url> <mqtt url>" once serving. Stops cleanly on Ctrl-C.`,
  replay: `Usage: crisis-console replay --scenario ash-cloud [--speed N] [--broker URL] [--seed S] [--start ISO] [--duration MIN]

  --scenario NAME    the drill to publish (ash-cloud)
  --speed N          times faster than real time (default 1)
  --broker URL       where to publish (default mqtt://127.0.0.1:1883)
  --seed S           the scenario's random seed (default 2010): same seed, same mentions
  --start ISO        the drill's T+0 (default now); earlier events are sent at once
  --duration MIN     scenario minutes to play (default 240)`,
  users: `Usage: crisis-console users add NAME --role ROLE[,ROLE] [--data DIR]
       crisis-console users roles NAME --role ROLE[,ROLE] [--data DIR]
       crisis-console users passwd|unlock|disable|enable NAME [--data DIR]
       crisis-console users list [--data DIR]

  add      adds a team member; the password (at least 12 characters) is read from standard
           input, e.g. printf '%s' "$PASSWORD" | crisis-console users add anna --role lead,pr
  roles    gives a member these roles instead of theirs, from their next request
  passwd   sets a new password (from standard input) and signs the member out everywhere
  unlock   lifts the lockout after too many failed sign-ins
  disable  for a member who left: no sign-in, every session ends (their name stays on
           timelines and claims); enable undoes it. The last admin can't be disabled
  list     every member with their roles, tab-separated; a third column says "disabled"
           or "locked until TIME" for one who can't sign in now
  Roles: ${ROLES.join(', ')}.`
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  try {
    switch (command) {
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        process.stdout.write(`${HELP.main}\n`)
        return command === undefined ? 2 : 0
      case 'serve':
        return await serveCommand(rest)
      case 'replay':
        return await replayCommand(rest)
      case 'users':
        return await usersCommand(rest)
      case 'sentiment': {
        const { sentimentCommand } = await import('./analyze-commands')
        return await sentimentCommand(rest)
      }
      case 'detect': {
        const { detectCommand } = await import('./analyze-commands')
        return await detectCommand(rest)
      }
      case 'eval': {
        const { evalCommand } = await import('./eval/eval-command')
        return await evalCommand(rest)
      }
      case 'import': {
        const { importCommand } = await import('./import-command')
        return await importCommand(rest)
      }
      case 'export': {
        const { exportCommand } = await import('./export-command')
        return await exportCommand(rest)
      }
      case 'bench': {
        const { benchCommand } = await import('./bench/bench-command')
        return await benchCommand(rest)
      }
      default:
        throw new UsageError(`unknown command "${command}"; try --help`)
    }
  } catch (err) {
    if (err instanceof UsageError || err instanceof ServeRefused) {
      process.stderr.write(`crisis-console: ${err.message}\n`)
      return 2
    }
    process.stderr.write(`crisis-console: ${(err as Error).message}\n`)
    return 1
  }
}

async function serveCommand(args: string[]): Promise<number> {
  const o = parse(args, {
    data: { type: 'string' },
    http: { type: 'string' },
    mqtt: { type: 'string' },
    broker: { type: 'string' },
    demo: { type: 'string' },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' }
  })
  if (o.help) return printHelp('serve')
  const http = parseHostPort('--http', o.http ?? '127.0.0.1:4820')
  if (Boolean(o['tls-cert']) !== Boolean(o['tls-key'])) throw new UsageError('--tls-cert and --tls-key go together')
  const tls =
    o['tls-cert'] && o['tls-key']
      ? { cert: readFileOrRefuse('--tls-cert', o['tls-cert']), key: readFileOrRefuse('--tls-key', o['tls-key']) }
      : undefined
  if (o.mqtt && o.broker)
    throw new UsageError('--mqtt and --broker exclude each other: embedded broker or external one')
  let broker: BrokerOption
  if (o.broker) {
    try {
      broker = { kind: 'external', target: parseBrokerUrl(o.broker) }
    } catch (err) {
      throw new UsageError((err as Error).message)
    }
  } else {
    broker = { kind: 'embedded', ...parseHostPort('--mqtt', o.mqtt ?? '127.0.0.1:1883') }
  }
  const demo = parseChoice('--demo', o.demo ?? 'none', [ASH_CLOUD, 'none'] as const)
  const dataDir = o.data ?? defaultDataDir()
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  const logFile = path.join(dataDir, LOG_FILE)
  // loaded when serving only: the engine pulls in much that other commands never need
  const { serve } = await import('./serve')
  const running = await serve({
    dataDir,
    http,
    broker,
    demo,
    tls,
    staticDir: builtRendererDir(),
    version: pkg.version,
    logger: fileLogger(logFile, fs)
  }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE')
      throw new UsageError(
        `address in use: ${err.message.replace(/^listen EADDRINUSE: address already in use /, '')}; is another console running?`
      )
    throw err
  })
  process.stdout.write(`ready ${running.web.url} ${running.engine.broker.url}\n`)
  process.stderr.write(`log: ${logFile} (dead letters go there, and to the console's Engine panel)\n`)
  await new Promise<void>((resolve) => {
    const stop = () => resolve()
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  await running.stop()
  return 0
}

async function replayCommand(args: string[]): Promise<number> {
  const o = parse(args, {
    scenario: { type: 'string' },
    speed: { type: 'string' },
    broker: { type: 'string' },
    seed: { type: 'string' },
    start: { type: 'string' },
    duration: { type: 'string' }
  })
  if (o.help) return printHelp('replay')
  if (!o.scenario) throw new UsageError('--scenario is required (ash-cloud)')
  parseChoice('--scenario', o.scenario, [ASH_CLOUD] as const)
  const speed = o.speed ? parsePositiveNumber('--speed', o.speed) : 1
  const seed = o.seed ? parseInteger('--seed', o.seed) : 2010
  const durationMinutes = o.duration ? parsePositiveNumber('--duration', o.duration) : 240
  let startMs = Date.now()
  if (o.start) {
    const parsed = parseIsoInstant(o.start)
    if (parsed === null) throw new UsageError(`--start: "${o.start}" is not an ISO 8601 time with a zone`)
    startMs = parsed
  }
  // a sped-up drill publishes its events early, each dated at its drill time
  const lead = Math.max(0, startMs + durationMinutes * 60_000 - Date.now()) * (1 - 1 / speed)
  if (lead > MAX_LEAD_MS) {
    throw new UsageError(
      `--speed ${speed}: the drill's last mentions would be ${Math.round(lead / 3600_000)} hours ahead of the clock, and the console refuses more than ${MAX_LEAD_MS / 3600_000}; shorten --duration or lower --speed`
    )
  }
  let target
  try {
    target = parseBrokerUrl(o.broker ?? 'mqtt://127.0.0.1:1883')
  } catch (err) {
    throw new UsageError((err as Error).message)
  }
  const abort = new AbortController()
  process.once('SIGINT', () => abort.abort())
  const result = await replay({
    target,
    topic: topics().mentionsIn,
    events: ashCloud({ seed, startMs, durationMinutes }),
    startMs,
    speed,
    signal: abort.signal
  }).catch((err: Error) => {
    throw new Error(`replay to ${target.url} failed: ${err.message}`)
  })
  process.stdout.write(`published ${result.published} events (${result.acknowledged} acknowledged) to ${target.url}\n`)
  return 0
}

const USER_ACTIONS = {
  add: 'added',
  roles: 'new roles for',
  passwd: 'new password for',
  unlock: 'unlocked',
  disable: 'disabled',
  enable: 'enabled'
} as const
type UserAction = keyof typeof USER_ACTIONS

async function usersCommand(args: string[]): Promise<number> {
  const [sub, ...after] = args
  if (sub === '--help' || sub === '-h' || sub === undefined)
    return sub === undefined ? (printHelp('users'), 2) : printHelp('users')
  if (sub === 'list') return listUsersCommand(after)
  if (!(sub in USER_ACTIONS)) throw new UsageError(`users: unknown subcommand "${sub}"; try users --help`)
  const action = sub as UserAction
  const [name, ...rest] = after
  if (!name || name.startsWith('-')) throw new UsageError(`users ${action}: give the NAME first`)
  const withRoles = action === 'add' || action === 'roles'
  const o = parse(
    rest,
    withRoles ? { role: { type: 'string' }, data: { type: 'string' } } : { data: { type: 'string' } }
  )
  if (o.help) return printHelp('users')
  const role = (o as { role?: string }).role
  if (withRoles && !role) throw new UsageError(`users ${action}: --role is required (e.g. --role lead,pr)`)
  const password =
    action === 'add' || action === 'passwd' ? await readPassword(`Password for ${name}: `) : 'not-needed-for-this'
  const parsed = TeamParams.createUser.safeParse({
    name,
    password,
    roles: (role ?? 'viewer').split(',').map((r) => r.trim())
  })
  if (!parsed.success) throw new UsageError(`users ${action}: ${describeIssues(parsed.error)}`)
  const store = await openStore(o.data ?? defaultDataDir())
  try {
    const accounts = new Accounts(store.writerDb, store.readDb, Date.now)
    const { name: n, password: p, roles } = parsed.data
    const by = `command line (${osUserName()})`
    const run = {
      add: () => accounts.createUser(n, p, roles, by),
      roles: () => accounts.changeRoles(n, roles, by),
      passwd: () => accounts.resetPassword(n, p, by),
      unlock: () => accounts.unlock(n, by),
      disable: () => accounts.disable(n, by),
      enable: () => accounts.enable(n, by)
    }
    const done = await run[action]().catch((err: Error) => {
      throw err instanceof ApiFailure ? new UsageError(`users ${action}: ${err.message}`) : err
    })
    process.stdout.write(`${USER_ACTIONS[action]} ${done.name} (${done.roles.join(', ')})\n`)
    return 0
  } finally {
    await store.close()
  }
}

async function listUsersCommand(args: string[]): Promise<number> {
  const o = parse(args, { data: { type: 'string' } })
  if (o.help) return printHelp('users')
  const store = await openStore(o.data ?? defaultDataDir())
  try {
    // a third column only for an account that can't sign in now: disabled, or locked out until when
    for (const u of await listAccounts(store.readDb, Date.now())) {
      const state = u.disabled ? 'disabled' : u.lockedUntil ? `locked until ${u.lockedUntil}` : null
      process.stdout.write(`${u.name}\t${u.roles.join(',')}${state ? `\t${state}` : ''}\n`)
    }
    return 0
  } finally {
    await store.close()
  }
}

/** Who ran the command, for the account log: the OS account, where the OS can say. */
function osUserName(): string {
  try {
    return os.userInfo().username
  } catch {
    return 'unknown user'
  }
}

/** The password from standard input: typed without echo at a terminal, or piped in. */
async function readPassword(prompt: string): Promise<string> {
  const stdin = process.stdin
  if (!stdin.isTTY) {
    const chunks: Buffer[] = []
    for await (const c of stdin) chunks.push(c as Buffer)
    return Buffer.concat(chunks)
      .toString('utf8')
      .replace(/\r?\n$/, '')
  }
  process.stderr.write(prompt)
  stdin.setRawMode(true)
  return new Promise((resolve) => {
    let typed = ''
    const onData = (d: Buffer) => {
      for (const ch of d.toString('utf8')) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          stdin.setRawMode(false)
          stdin.off('data', onData)
          stdin.pause()
          process.stderr.write('\n')
          return resolve(typed)
        }
        if (ch === '\u0003') process.exit(130)
        typed = ch === '\u007f' ? typed.slice(0, -1) : typed + ch
      }
    }
    stdin.on('data', onData)
  })
}

function readFileOrRefuse(flag: string, file: string): Buffer {
  try {
    return fs.readFileSync(file)
  } catch (err) {
    throw new UsageError(
      `${flag}: can't read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`
    )
  }
}

function printHelp(command: string): number {
  process.stdout.write(`${HELP[command]}\n`)
  return 0
}
