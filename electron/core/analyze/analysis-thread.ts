// Runs analyzeMention on a worker thread when the built worker is there (out/main), else in
// line (tests and tools running from source). Batches are answered in the order sent.
import fs from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { Analysis, AnalysisInput } from './analyze-mention'
import { unpackAnalyses, type PackedAnalyses } from './analysis-packing'

export interface AnalysisThread {
  analyze(items: AnalysisInput[]): Promise<Analysis[]>
  /** true when the work runs off the engine's event loop */
  readonly threaded: boolean
  close(): Promise<void>
}

/** Where electron-vite puts the worker, seen from a module in out/main or out/main/chunks. */
function builtWorker(): string | null {
  for (const rel of ['./analyze-worker.js', '../analyze-worker.js']) {
    const file = fileURLToPath(new URL(rel, import.meta.url))
    if (fs.existsSync(file)) return file
  }
  return null
}

export function startAnalysisThread(): AnalysisThread {
  const file = builtWorker()
  if (!file) {
    // loaded only here: the language models and lexicons are large, and with a worker they live in the worker alone
    const inLine = import('./analyze-mention')
    return {
      threaded: false,
      analyze: async (items) => items.map((await inLine).analyzeMention),
      close: async () => undefined
    }
  }
  const worker = new Worker(file)
  worker.unref()
  let next = 0
  const waiting = new Map<number, { resolve: (r: Analysis[]) => void; reject: (e: Error) => void }>()
  worker.on('message', (m: { id: number; packed: PackedAnalyses }) => {
    waiting.get(m.id)?.resolve(unpackAnalyses(m.packed))
    waiting.delete(m.id)
  })
  worker.on('error', (err) => {
    for (const w of waiting.values()) w.reject(err)
    waiting.clear()
  })
  return {
    threaded: true,
    analyze(items) {
      const id = next++
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject })
        // two lists of strings clone faster than a list of objects
        worker.postMessage({ id, texts: items.map((m) => m.text), langs: items.map((m) => m.lang) })
      })
    },
    async close() {
      await worker.terminate()
    }
  }
}
