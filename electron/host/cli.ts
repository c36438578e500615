// `crisis-console`: the command line (DESIGN 4.1). Runs under plain Node >= 20.
import { parseIsoInstant } from '../../shared/mention'
import { topics } from '../../shared/topics'
import { ashCloud, ASH_CLOUD } from '../core/drill/ash-cloud'
import { replay } from '../core/drill/replay'
import { parseBrokerUrl } from '../core/bus/broker-url'
import { stderrLogger } from '../core/logger'
import type { BrokerOption } from '../core/engine'
import { builtRendererDir, defaultDataDir } from './app-paths'
import { isLoopback, parse, parseChoice, parseHostPort, parseInteger, parsePositiveNumber, UsageError } from './cli-args'
import { serve } from './serve'
import pkg from '../../package.json'

const HELP: Record<string, string> = {
  main: `Usage: crisis-console <command> [options]

Commands:
  serve     the engine and the web host (console at /, wall at /wall)
  replay    publish a deterministic drill scenario to a broker
  bench     run the benchmarks and print a JSON report

Run "crisis-console <command> --help" for a command's options.`,
  serve: `Usage: crisis-console serve [--data DIR] [--http HOST:PORT] [--mqtt HOST:PORT | --broker URL] [--demo ash-cloud|none]

  --data DIR         where the SQLite store lives (default: ${defaultDataDir()})
  --http HOST:PORT   web host and API (default 127.0.0.1:4820; port 0 = any free port)
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
  --duration MIN     scenario minutes to play (default 240)`
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
      case 'bench': {
        const { benchCommand } = await import('./bench/bench-command')
        return await benchCommand(rest)
      }
      default:
        throw new UsageError(`unknown command "${command}"; try --help`)
    }
  } catch (err) {
    if (err instanceof UsageError) {
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
    demo: { type: 'string' }
  })
  if (o.help) return printHelp('serve')
  const http = parseHostPort('--http', o.http ?? '127.0.0.1:4820')
  if (!isLoopback(http.host)) {
    throw new UsageError(
      `--http ${http.host}: serving beyond this machine needs team accounts, which this version does not have yet; use 127.0.0.1`
    )
  }
  if (o.mqtt && o.broker) throw new UsageError('--mqtt and --broker exclude each other: embedded broker or external one')
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
  const running = await serve({
    dataDir: o.data ?? defaultDataDir(),
    http,
    broker,
    demo,
    staticDir: builtRendererDir(),
    version: pkg.version,
    logger: stderrLogger
  }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE') throw new UsageError(`address in use: ${err.message.replace(/^listen EADDRINUSE: address already in use /, '')}; is another console running?`)
    throw err
  })
  process.stdout.write(`ready ${running.web.url} ${running.engine.broker.url}\n`)
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

function printHelp(command: string): number {
  process.stdout.write(`${HELP[command]}\n`)
  return 0
}
