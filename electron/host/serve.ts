// `serve`: the engine, the web host and, when asked, the drill, as one unit that the CLI
// and Electron's engine process both start.
import { startEngine, type BrokerOption, type Engine } from '../core/engine'
import type { PdfPrinter } from '../core/review/render-pdf'
import type { Logger } from '../core/logger'
import { ASH_CLOUD, ASH_CLOUD_NAME, ashCloud } from '../core/drill/ash-cloud'
import { replay } from '../core/drill/replay'
import { topics } from '../../shared/topics'
import { loadOrCreateLocalToken } from './local-token'
import { startWebHost, type WebHost } from './web-host'
import { isLoopback, ServeRefused } from './cli-args'
import { openStore } from '../core/store/open-store'
import { Accounts } from '../core/team/accounts'

/** how long the built-in drill runs before a restart opens a fresh one */
const DEMO_DURATION_MIN = 24 * 60
/** how far back a new drill starts, so the wall opens on history with the surge in view */
const DEMO_BACKFILL_MIN = 45

export { ServeRefused }

export interface ServeOptions {
  dataDir: string
  /** a host other than loopback is LAN mode: accounts required, no local operator */
  http: { host: string; port: number }
  tls?: { cert: Buffer; key: Buffer }
  broker: BrokerOption
  demo: 'ash-cloud' | 'none'
  staticDir: string
  version: string
  logger: Logger
  /** how review exports print PDF (Electron's printToPDF on the desktop); default Chromium headless */
  printPdf?: PdfPrinter
}

export interface RunningConsole {
  engine: Engine
  web: WebHost
  /** the local operator's token; null in LAN mode */
  token: string | null
  stop(): Promise<void>
}

export async function serve(options: ServeOptions): Promise<RunningConsole> {
  const lan = !isLoopback(options.http.host)
  if (lan) await refuseLanWithoutAdmin(options.dataDir, options.http.host)
  const engine = await startEngine({
    dataDir: options.dataDir,
    broker: options.broker,
    version: options.version,
    logger: options.logger,
    printPdf: options.printPdf
  })
  let web: WebHost
  try {
    web = await startWebHost({
      engine,
      host: options.http.host,
      port: options.http.port,
      staticDir: options.staticDir,
      localToken: lan ? null : loadOrCreateLocalToken(options.dataDir),
      tls: options.tls,
      logger: options.logger
    })
  } catch (err) {
    await engine.stop()
    throw err
  }

  const demo = new AbortController()
  let demoRun: Promise<unknown> = Promise.resolve()
  if (options.demo === ASH_CLOUD) {
    const drill = await engine.openDrill(
      ASH_CLOUD,
      `DRILL: ${ASH_CLOUD_NAME}`,
      Date.now() - DEMO_BACKFILL_MIN * 60_000,
      DEMO_DURATION_MIN * 60_000
    )
    const startMs = Date.parse(drill.startedAt)
    // Through the broker like any external source, so the demo exercises the real ingest
    // path. A resumed drill replays from its own start: what is stored already is deduped.
    demoRun = replay({
      target: engine.broker,
      topic: topics().mentionsIn,
      events: ashCloud({ startMs, durationMinutes: DEMO_DURATION_MIN, idPrefix: `ash${drill.id}` }),
      startMs,
      signal: demo.signal
    }).catch((err: Error) => options.logger.warn(`drill replay stopped: ${err.message}`))
  }

  return {
    engine,
    web,
    token: lan ? null : loadOrCreateLocalToken(options.dataDir),
    async stop() {
      demo.abort()
      await demoRun
      await web.close()
      await engine.stop()
    }
  }
}

/** LAN mode needs accounts: checked before anything binds a port. */
async function refuseLanWithoutAdmin(dataDir: string, host: string): Promise<void> {
  const store = await openStore(dataDir)
  try {
    if ((await new Accounts(store.writerDb, store.readDb, Date.now).adminCount()) > 0) return
  } finally {
    await store.close()
  }
  throw new ServeRefused(
    `--http ${host}: serving beyond this machine needs team accounts; add an admin first: crisis-console users add NAME --role admin --data ${dataDir}`
  )
}
