// The analyzers on a thread of their own, so language and sentiment never take time from
// ingest and the API on the engine's event loop. Messages: {id, texts, langs} in (a
// mention's text and declared language, as two lists), {id, packed} out, in order.
import { parentPort } from 'node:worker_threads'
import { analyzeMention } from './analyze-mention'
import { packAnalyses } from './analysis-packing'

parentPort?.on('message', (m: { id: number; texts: string[]; langs: (string | null)[] }) => {
  const { packed, transfer } = packAnalyses(m.texts.map((text, i) => analyzeMention({ text, lang: m.langs[i] })))
  parentPort?.postMessage({ id: m.id, packed }, transfer)
})
