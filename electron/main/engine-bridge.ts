// Main-process side of the engine: forks the utility process, forwards validated renderer
// requests to it and its events to every window.
import { utilityProcess, type UtilityProcess } from 'electron'
import { RequestSchema } from '../../shared/api'
import type { EngineProcessMessage, PrintedPdf } from '../../shared/ipc'
import { printToPdf } from './print-pdf'
import { fail, type Result } from '../../shared/result'

export interface EngineBridge {
  ready: Promise<{ httpUrl: string; mqttUrl: string }>
  call(request: unknown): Promise<Result<unknown>>
  onEvent(listener: (event: unknown) => void): void
  onExit(listener: () => void): void
  stop(): void
}

export function startEngineBridge(entry: string, env: Record<string, string>): EngineBridge {
  const child: UtilityProcess = utilityProcess.fork(entry, [], {
    env: { ...process.env, ...env },
    stdio: 'inherit',
    serviceName: 'Crisis Console engine'
  })
  const pending = new Map<number, (r: Result<unknown>) => void>()
  const eventListeners: ((e: unknown) => void)[] = []
  const exitListeners: (() => void)[] = []
  let nextId = 1
  let alive = true
  let settleReady: { resolve: (v: { httpUrl: string; mqttUrl: string }) => void; reject: (e: Error) => void }
  const ready = new Promise<{ httpUrl: string; mqttUrl: string }>(
    (resolve, reject) => (settleReady = { resolve, reject })
  )

  child.on('message', (msg: EngineProcessMessage) => {
    switch (msg.type) {
      case 'ready':
        settleReady.resolve({ httpUrl: msg.httpUrl, mqttUrl: msg.mqttUrl })
        break
      case 'failed':
        settleReady.reject(new Error(msg.message))
        break
      case 'result':
        pending.get(msg.id)?.(msg.result as Result<unknown>)
        pending.delete(msg.id)
        break
      case 'event':
        for (const l of eventListeners) l(msg.event)
        break
      case 'print-pdf':
        void printToPdf(msg.html).then(
          (pdf) => child.postMessage({ type: 'pdf', id: msg.id, base64: pdf.toString('base64') } satisfies PrintedPdf),
          (err: Error) => child.postMessage({ type: 'pdf', id: msg.id, error: err.message } satisfies PrintedPdf)
        )
        break
    }
  })
  child.on('exit', () => {
    alive = false
    settleReady.reject(new Error('the engine process exited'))
    for (const resolve of pending.values()) resolve(fail('unavailable', 'the engine process exited'))
    pending.clear()
    for (const l of exitListeners) l()
  })

  return {
    ready,
    call(request) {
      // The renderer is untrusted input like any other: validate before forwarding.
      const parsed = RequestSchema.safeParse(request)
      if (!parsed.success) return Promise.resolve(fail('bad_request', 'not a console API request'))
      if (!alive) return Promise.resolve(fail('unavailable', 'the engine is not running'))
      const id = nextId++
      return new Promise((resolve) => {
        pending.set(id, resolve)
        child.postMessage({ id, method: parsed.data.method, params: parsed.data.params })
      })
    },
    onEvent: (l) => void eventListeners.push(l),
    onExit: (l) => void exitListeners.push(l),
    stop: () => void child.kill()
  }
}
