// Language identification with eld (Efficient Language Detector, maintained, n-gram based),
// chosen by measurement on the labeled sets in ../shared/eval against tinyld and franc:
// eld (large database, limited to the languages we serve) was both the most accurate
// (0.88-1.00 per set, short tweets included) and the fastest. See the README's table.
import { eld } from 'eld/large'

/** The languages the console serves; detection picks among these only. */
export const SERVED_LANGUAGES = ['en', 'nl', 'sv', 'fi', 'pl', 'de', 'fr', 'es', 'it', 'pt', 'da', 'no', 'he', 'ar'] as const

eld.setLanguageSubset([...SERVED_LANGUAGES])

/** Texts shorter than this (letters only) carry too little to tell a language from. */
const MIN_LETTERS = 3
/** Beyond this, more text only costs time: the first part decides. */
const MAX_CHARS = 1000

export interface DetectedLanguage {
  lang: string | null
  /** 0..1: the winner's share of the top two scores, 0 when nothing was detected */
  confidence: number
}

export function detectLanguage(text: string): DetectedLanguage {
  // links, handles and hashtags' marks say nothing about the language
  const clean = text
    .slice(0, MAX_CHARS)
    .replace(/https?:\/\/\S+|www\.\S+/g, ' ')
    .replace(/[@#](?=\p{L})/gu, '')
  if ((clean.match(/\p{L}/gu)?.length ?? 0) < MIN_LETTERS) return { lang: null, confidence: 0 }
  const r = eld.detect(clean)
  if (!r.language) return { lang: null, confidence: 0 }
  const scores = Object.values(r.getScores() as Record<string, number>).sort((a, b) => b - a)
  const [first = 0, second = 0] = scores
  const confidence = first > 0 ? first / (first + second) : 0
  return { lang: r.language, confidence: Math.round(confidence * 1000) / 1000 }
}
