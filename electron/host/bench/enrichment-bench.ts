// Enrichment throughput (analyze issue): language, sentiment, intent and urgency, and the
// priority factors, per mention on one core, over the labeled texts of ../shared/eval when
// present (real tweets in 12 languages), else the drill's texts. Measured where the engine
// runs it: on the analysis thread, in batches, results back on this thread. (Measured in
// this process instead, the same code runs a third slower: the benchmark's process holds
// the whole CLI, whose other code crowds V8's shared caches.)
// The reference, measured in the same run, is JSON.parse of the same mentions: what any
// ingest pays per mention anyway.
import fs from 'node:fs'
import path from 'node:path'
import { startAnalysisThread } from '../../core/analyze/analysis-thread'
import { factorsFromAnalysis } from '../../../shared/priority'

/** Mentions per message to the analysis thread; one message at a time, as the enricher sends them. */
const BATCH = 500

const FALLBACK = [
  'Flight cancelled, stranded at AMS with the kids overnight. Nobody answers?',
  'Vlucht geannuleerd, wat nu?',
  'Tack för hjälpen med bokningen!',
  'Lento peruttu, missä hotelli?',
  'Czy lot do Warszawy jest odwołany?',
  'הטיסה בוטלה',
  'Is the website down again?'
]

/** Up to 2,000 texts from each labeled set, so every language is in the mix. */
function texts(evalDir: string): string[] {
  const out: string[] = []
  const dir = path.join(evalDir, 'sentiment')
  if (!fs.existsSync(dir)) return FALLBACK
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.jsonl'))) {
    let taken = 0
    for (const line of fs.readFileSync(path.join(dir, f), 'utf8').split('\n')) {
      if (taken >= 2000) break
      try {
        const t = (JSON.parse(line) as { text?: unknown }).text
        if (typeof t === 'string') {
          out.push(t)
          taken++
        }
      } catch {
        // not a JSON line
      }
    }
  }
  return out.length ? out : FALLBACK
}

export async function measureEnrichment(evalDir: string, seconds = 5) {
  const pool = texts(evalDir)
  const docs = pool.map((text, i) =>
    JSON.stringify({
      id: `e${i}`,
      channel: 'twitter',
      author: { handle: `p${i}`, followers: i * 37 },
      text,
      ts: '2010-04-17T09:00:00Z'
    })
  )
  const thread = startAnalysisThread()
  let perSecond: number
  try {
    let n = 0
    const batch = () => {
      const from = n
      n += BATCH
      return Array.from({ length: BATCH }, (_, k) => ({ text: pool[(from + k) % pool.length], lang: null }))
    }
    const analyzed = async (items: { text: string; lang: null }[]) => {
      const results = await thread.analyze(items)
      results.forEach((a, k) => factorsFromAnalysis(1 + Math.log10(k * 37 + 1), a))
      return results.length
    }
    for (let i = 0; i < 4; i++) await analyzed(batch()) // warm up the JIT
    let done = 0
    const t0 = performance.now()
    while (performance.now() - t0 < seconds * 1000) done += await analyzed(batch())
    perSecond = done / ((performance.now() - t0) / 1000)
  } finally {
    await thread.close()
  }
  const parsePerSecond = onThisThread(() => {
    let i = 0
    return () => JSON.parse(docs[i++ % docs.length])
  }, seconds)
  return {
    texts: pool.length,
    source: pool === FALLBACK ? 'drill texts' : 'the labeled sets in ../shared/eval',
    analysisThread: thread.threaded,
    mentionsPerSecondPerCore: Math.round(perSecond),
    target: 20_000,
    meetsTarget: perSecond >= 20_000,
    jsonParsePerSecond: Math.round(parsePerSecond),
    ratioToJsonParse: Number((perSecond / parsePerSecond).toFixed(3))
  }
}

/** Calls per second of `make()`'s function on this thread, after a warm-up. */
function onThisThread(make: () => () => void, seconds: number): number {
  const fn = make()
  for (let i = 0; i < 2000; i++) fn()
  const t0 = performance.now()
  let n = 0
  while (performance.now() - t0 < seconds * 1000) for (let k = 0; k < 500; k++, n++) fn()
  return n / ((performance.now() - t0) / 1000)
}
