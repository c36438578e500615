// Enrichment throughput (analyze issue): language, sentiment, intent and urgency, and the
// priority factors, per mention on one core (this thread), over the labeled texts of
// ../shared/eval when present (real tweets in 12 languages), else the drill's texts.
// The reference, measured in the same run, is JSON.parse of the same mentions: what any
// ingest pays per mention anyway.
import fs from 'node:fs'
import path from 'node:path'
import { analyzeMention } from '../../core/analyze/analyze-mention'
import { factorsFromAnalysis } from '../../../shared/priority'

const FALLBACK = ['Flight cancelled, stranded at AMS with the kids overnight. Nobody answers?', 'Vlucht geannuleerd, wat nu?', 'Tack för hjälpen med bokningen!', 'Lento peruttu, missä hotelli?', 'Czy lot do Warszawy jest odwołany?', 'הטיסה בוטלה', 'Is the website down again?']

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

export function measureEnrichment(evalDir: string, seconds = 5) {
  const pool = texts(evalDir)
  const docs = pool.map((text, i) => JSON.stringify({ id: `e${i}`, channel: 'twitter', author: { handle: `p${i}`, followers: i * 37 }, text, ts: '2010-04-17T09:00:00Z' }))
  const run = (fn: (i: number) => void) => {
    for (let i = 0; i < 2000; i++) fn(i % pool.length) // warm up the JIT
    const t0 = performance.now()
    let n = 0
    while (performance.now() - t0 < seconds * 1000) for (let k = 0; k < 500; k++) fn(n++ % pool.length)
    return n / ((performance.now() - t0) / 1000)
  }
  const perSecond = run((i) => {
    const a = analyzeMention({ text: pool[i], lang: null })
    factorsFromAnalysis(1 + Math.log10(i * 37 + 1), a)
  })
  const parsePerSecond = run((i) => JSON.parse(docs[i]))
  return {
    texts: pool.length,
    source: pool === FALLBACK ? 'drill texts' : 'the labeled sets in ../shared/eval',
    mentionsPerSecondPerCore: Math.round(perSecond),
    target: 20_000,
    meetsTarget: perSecond >= 20_000,
    jsonParsePerSecond: Math.round(parsePerSecond),
    ratioToJsonParse: Number((perSecond / parsePerSecond).toFixed(3))
  }
}
