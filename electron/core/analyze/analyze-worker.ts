// The analyzers on a thread of their own, so language and sentiment never take time from
// ingest and the API on the engine's event loop. Messages: {id, items: [{text, lang}]} in,
// {id, results} out, in order.
import { parentPort } from 'node:worker_threads'
import { analyzeMention, type AnalysisInput } from './analyze-mention'

parentPort?.on('message', (m: { id: number; items: AnalysisInput[] }) => {
  parentPort?.postMessage({ id: m.id, results: m.items.map(analyzeMention) })
})
