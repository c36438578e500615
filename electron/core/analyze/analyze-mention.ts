// What enrichment computes for one mention; the same function runs on the analysis thread
// or, where there is no built worker (tests run from source), in line.
import { detectLanguage } from './language'
import { analyzeSentiment, type SentimentLabel } from './sentiment'
import { echoKeyOf } from './echoes'
import { classifyIntent, type Intent, type UrgentCue } from './intent'
import type { PersonalDataKind } from '../../../shared/personal-data'

export interface AnalysisInput {
  text: string
  /** the language the source declared, if any; detection still runs, for the record */
  lang: string | null
}

export interface Analysis {
  lang: string | null
  confidence: number
  score: number
  label: SentimentLabel
  intent: Intent
  urgent: UrgentCue[]
  personal: PersonalDataKind[]
  /** shared with its retweets and near-copies; null when too short to tell */
  echoKey: string | null
}

export function analyzeMention(m: AnalysisInput): Analysis {
  const detected = detectLanguage(m.text)
  const s = analyzeSentiment(m.text, m.lang ?? detected.lang)
  return {
    lang: detected.lang,
    confidence: detected.confidence,
    score: s.score,
    label: s.label,
    ...classifyIntent(m.text, s.score),
    echoKey: echoKeyOf(m.text)
  }
}
