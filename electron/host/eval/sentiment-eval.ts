// Sentiment and language identification on the labeled sets in ../shared/eval/sentiment,
// next to the baselines that folder's README names: AFINN (`sentiment`), VADER
// (`vader-sentiment`) and `multilang-sentiment`, each at its best neutral band (an oracle
// choice, in the baselines' favour, as the README measured them). Our analyzer's band is
// fixed in advance (analyze/sentiment.ts), not fitted here.
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { classificationScores } from '../../core/analyze/classification-scores'
import { detectLanguage } from '../../core/analyze/language'
import { analyzeSentiment } from '../../core/analyze/sentiment'
import { UsageError } from '../cli-args'

const requireBaseline = createRequire(import.meta.url)

/** file -> language; sv-mozetic and pl have two classes (no neutral). */
export const SENTIMENT_SETS: Record<string, string> = {
  airline: 'en',
  nl: 'nl',
  sv: 'sv',
  'sv-mozetic': 'sv',
  pl: 'pl',
  fi: 'fi',
  he: 'he',
  de: 'de',
  fr: 'fr',
  it: 'it',
  es: 'es',
  pt: 'pt'
}

type Scorer = (text: string, lang: string) => number

function baselines(): Record<string, Scorer> {
  const Afinn = requireBaseline('sentiment')
  const afinn = new Afinn()
  const vader = requireBaseline('vader-sentiment').SentimentIntensityAnalyzer
  const multilang = requireBaseline('multilang-sentiment')
  return {
    'AFINN (sentiment)': (t) => afinn.analyze(t).comparative,
    VADER: (t) => vader.polarity_scores(t).compound,
    'multilang-sentiment': (t, l) => {
      try {
        return multilang(t, l === 'he' ? 'iw' : l).comparative
      } catch {
        return 0
      }
    }
  }
}

const label = (score: number, band: number) => (score > band ? 'positive' : score < -band ? 'negative' : 'neutral')

/** The band that suits the baseline best on this set (and its macro-F1 there). */
function bestBand(gold: string[], scores: number[]): { band: number; macroF1: number } {
  const candidates = [
    0,
    ...[...new Set(scores.map(Math.abs))]
      .sort((a, b) => a - b)
      .filter((_, i, a) => i % Math.max(1, Math.floor(a.length / 200)) === 0)
  ]
  let best = { band: 0, macroF1: -1 }
  for (const band of candidates) {
    const { macroF1 } = classificationScores(
      gold,
      scores.map((s) => label(s, band))
    )
    if (macroF1 > best.macroF1) best = { band, macroF1 }
  }
  return best
}

export interface SentimentRow {
  set: string
  lang: string
  texts: number
  accuracy: number
  macroF1: number
  baseline: { name: string; macroF1: number }
  /** our macro-F1 minus the best baseline's */
  margin: number
  languageIdAccuracy: number
  perSecond: number
}

const LABELS = new Set(['positive', 'neutral', 'negative'])

/** A set's labeled lines; a line that isn't {"text", "label"} is named, not guessed at. */
export function readSet(file: string): { text: string; label: string }[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line, i) => {
      if (!line.trim()) return []
      let row: { text?: unknown; label?: unknown }
      try {
        row = JSON.parse(line)
      } catch {
        row = {}
      }
      if (typeof row?.text !== 'string' || typeof row.label !== 'string' || !LABELS.has(row.label)) {
        throw new UsageError(
          `${file}: line ${i + 1}: expected {"text": "...", "label": "positive"|"neutral"|"negative"}`
        )
      }
      return [{ text: row.text, label: row.label }]
    })
}

/** Our analyzers on one labeled set: sentiment against its labels, language ID against its language. */
export function scoreOurs(
  rows: { text: string; label: string }[],
  lang: string
): Pick<SentimentRow, 'accuracy' | 'macroF1' | 'languageIdAccuracy' | 'perSecond'> {
  analyzeSentiment('', lang) // load the language's lexicon before timing
  const t0 = performance.now()
  const ours = rows.map((r) => analyzeSentiment(r.text, lang).label)
  const seconds = (performance.now() - t0) / 1000
  const detected = rows.filter((r) => detectLanguage(r.text).lang === lang).length
  const gold = rows.map((r) => r.label)
  return {
    ...classificationScores(gold, ours),
    languageIdAccuracy: Math.round((detected / rows.length) * 1000) / 1000,
    perSecond: Math.round(rows.length / seconds)
  }
}

export function evaluateSentiment(evalDir: string): SentimentRow[] {
  const bases = baselines()
  return Object.entries(SENTIMENT_SETS).flatMap(([set, lang]) => {
    const file = path.join(evalDir, 'sentiment', `${set}.jsonl`)
    if (!fs.existsSync(file)) {
      process.stderr.write(`eval: ${set}: no ${set}.jsonl, skipped\n`) // a partial copy of the sets still scores what it has
      return []
    }
    const rows = readSet(file)
    if (!rows.length) return []
    const gold = rows.map((r) => r.label)
    const ours = scoreOurs(rows, lang)
    process.stderr.write(`eval: ${set}: ${rows.length} texts, ours ${ours.perSecond}/s; baselines...\n`)
    const baseline = Object.entries(bases)
      .map(([name, fn]) => {
        const t = performance.now()
        const r = {
          name,
          macroF1: bestBand(
            gold,
            rows.map((row) => fn(row.text, lang))
          ).macroF1
        }
        process.stderr.write(`eval:   ${name} ${Math.round(performance.now() - t)} ms\n`)
        return r
      })
      .sort((a, b) => b.macroF1 - a.macroF1)[0]
    const row: SentimentRow = {
      set,
      lang,
      texts: rows.length,
      ...ours,
      baseline,
      margin: Math.round((ours.macroF1 - baseline.macroF1) * 1000) / 1000
    }
    return [row]
  })
}
