// Entry point of the engine inside Electron: a utility process (off the UI thread) that
// runs `serve` and answers the main process over its parent port. Plain Node: Electron
// gives us `process.parentPort`, nothing is imported from 'electron'.
import type { EngineProcessMessage, EngineProcessRequest, PrintedPdf } from '../../shared/ipc'
import type { PdfPrinter } from '../core/review/render-pdf'
import { stderrLogger } from '../core/logger'
import { LOCAL_OPERATOR } from '../core/team/accounts'
import { builtRendererDir, defaultDataDir } from './app-paths'
import { serve } from './serve'
import pkg from '../../package.json'

interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void
  postMessage(message: EngineProcessMessage): void
}

const port = (process as unknown as { parentPort?: ParentPort }).parentPort
if (!port) {
  process.stderr.write('engine-process: must be started by the Electron shell (utilityProcess)\n')
  process.exit(2)
}

// PDF exports are printed by the shell (Electron's printToPDF), which has the browser engine
const printing = new Map<number, { resolve: (pdf: Buffer) => void; reject: (err: Error) => void }>()
let nextPrint = 1
const printPdf: PdfPrinter = (html) =>
  new Promise((resolve, reject) => {
    const id = nextPrint++
    printing.set(id, { resolve, reject })
    port.postMessage({ type: 'print-pdf', id, html })
  })

const env = process.env
serve({
  dataDir: env.CRISIS_DATA_DIR || defaultDataDir(),
  http: { host: '127.0.0.1', port: Number(env.CRISIS_HTTP_PORT ?? 4820) },
  broker: { kind: 'embedded', host: '127.0.0.1', port: Number(env.CRISIS_MQTT_PORT ?? 1883) },
  demo: env.CRISIS_DEMO === 'none' ? 'none' : 'ash-cloud',
  staticDir: builtRendererDir(),
  version: pkg.version,
  logger: stderrLogger,
  printPdf
}).then(
  (running) => {
    running.engine.subscribe((event) => port.postMessage({ type: 'event', event }))
    port.on('message', ({ data }) => {
      const printed = data as PrintedPdf
      if (printed.type === 'pdf') {
        const job = printing.get(printed.id)
        printing.delete(printed.id)
        if (printed.base64 !== undefined) job?.resolve(Buffer.from(printed.base64, 'base64'))
        else job?.reject(new Error(printed.error ?? 'printing failed'))
        return
      }
      const req = data as EngineProcessRequest
      // the main process has validated the request; dispatch validates the params again
      void running.engine
        .dispatch(req.method, req.params, { actor: LOCAL_OPERATOR })
        .then((result) => port.postMessage({ type: 'result', id: req.id, result }))
    })
    port.postMessage({ type: 'ready', httpUrl: running.web.url, mqttUrl: running.engine.broker.url })
    process.once('SIGTERM', () => void running.stop().then(() => process.exit(0)))
  },
  (err: Error) => {
    port.postMessage({ type: 'failed', message: err.message })
    process.exit(1)
  }
)
