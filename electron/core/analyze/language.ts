// Language identification with eld (Efficient Language Detector, maintained, n-gram based),
// chosen by measurement on the labeled sets in ../shared/eval against tinyld and franc:
// eld (large database, limited to the languages we serve) was both the most accurate
// (0.88-1.00 per set, short tweets included) and the fastest. See the README's table.
// Its database, cut to the languages we serve, is scored by language-ngrams.ts: the same
// answers, about ten times faster and 140 MB lighter per thread.
import { scoreLanguages, TABLE_LANGUAGES } from './language-ngrams'

/** The languages the console serves; detection picks among these only. */
export const SERVED_LANGUAGES = [
  'en',
  'nl',
  'sv',
  'fi',
  'pl',
  'de',
  'fr',
  'es',
  'it',
  'pt',
  'da',
  'no',
  'he',
  'ar'
] as const

if ([...TABLE_LANGUAGES].sort().join() !== [...SERVED_LANGUAGES].sort().join())
  throw new Error(
    'resources/language/served-ngrams.json is for other languages: run node electron/host/build-language-table.js'
  )

/** Texts shorter than this (letters only) carry too little to tell a language from. */
const MIN_LETTERS = 3
/** Beyond this, more text only costs time: the first part decides. */
const MAX_CHARS = 1000

export interface DetectedLanguage {
  lang: string | null
  /** 0..1: the winner's share of the top two scores, 0 when nothing was detected */
  confidence: number
}

const LINK = /https?:\/\/\S+|www\.\S+/g
const MARK = /[@#](?=\p{L})/gu
const ENOUGH_LETTERS = new RegExp(`\\p{L}${'\\P{L}*\\p{L}'.repeat(MIN_LETTERS - 1)}`, 'u')

export function detectLanguage(text: string): DetectedLanguage {
  // links, handles and hashtags' marks say nothing about the language (the checks first:
  // most texts have neither, and a replace that finds nothing still costs a scan and a copy)
  let clean = text.slice(0, MAX_CHARS)
  if (clean.includes('://') || clean.includes('www.')) clean = clean.replace(LINK, ' ')
  if (clean.includes('@') || clean.includes('#')) clean = clean.replace(MARK, '')
  if (!ENOUGH_LETTERS.test(clean)) return { lang: null, confidence: 0 }
  const { lang, confidence } = scoreLanguages(clean)
  return { lang, confidence: Math.round(confidence * 1000) / 1000 }
}
