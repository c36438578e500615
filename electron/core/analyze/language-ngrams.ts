// Language identification the way eld does it, over the table scripts/build-language-table.mjs
// cuts from eld's large database for the languages we serve: each word's UTF-8 bytes in
// n-grams of 4 at a stride of 3 (plus the word's end), each n-gram adding its score to the
// languages that have it, and the best per n-gram on average wins. The same languages and
// confidences as eld's own detect() with that language subset (the unit test holds us to
// it), about four times faster: eld walks all 60 languages of each n-gram, in objects.
import table from '../../../resources/language/served-ngrams.json'

interface Table {
  /** in eld's order: a tie goes to the first, as in eld */
  languages: string[]
  /** what eld's byte-to-character dictionary gives for the bytes 0x80-0xFF */
  dictionary: string[]
  ngrams: Record<string, number[]>
}

/** eld subtracts this from every stored score to keep its files small. */
const BASE_SCORE = 53
/** eld's scale for turning an average n-gram score into 0..1. */
const SCALE = 25
/** eld reads at most this many bytes of a text (cut at a space after 350). */
const CUT_AT_SPACE_AFTER = 350
const CUT_AFTER = 380

const { languages, dictionary, ngrams } = table as unknown as Table
export const TABLE_LANGUAGES: readonly string[] = languages

// each n-gram's scores in one shared array: the map gives the n-gram's number, and its
// scores sit from starts[number] to starts[number + 1]
const numberOf = new Map<string, number>()
const starts = new Int32Array(Object.keys(ngrams).length + 1)
const packed = new Int32Array(Object.values(ngrams).reduce((n, p) => n + p.length, 0))
{
  let at = 0
  for (const gram in ngrams) {
    const p = ngrams[gram]
    starts[numberOf.size] = at
    numberOf.set(gram, numberOf.size)
    for (let i = 0; i < p.length; i += 2) {
      packed[at++] = p[i]
      packed[at++] = p[i + 1] + BASE_SCORE
    }
  }
  starts[numberOf.size] = at
}
/** the text an n-gram was last counted for: each counts once per text, as in eld */
const countedFor = new Int32Array(numberOf.size)
let textNumber = 0

const byte = (b: number) => dictionary[b - 0x80]

// eld's separators: anything that isn't a letter of the Basic Multilingual Plane (its list
// stops there: "𝐅𝐥𝐢𝐠𝐡𝐭" is no word to it), except an apostrophe closing a run
const SEPARATORS = /(?:[^\p{L}]|[\u{10000}-\u{10FFFF}])+(?<![\x27\x60\u2019])/gu

/** The text's words as eld encodes them: ASCII as is, other characters as their UTF-8 bytes. */
function byteWords(text: string): string[] {
  const str = text.replace(SEPARATORS, ' ').trim().toLowerCase()
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(str)) return asciiWords(str)
  const words: string[] = []
  let word = ''
  let bytes = 0
  for (let i = 0; i < str.length; i++) {
    let c = str.charCodeAt(i)
    if (c < 0x80) {
      if (c === 32) {
        if (word !== '') words.push(word)
        word = ''
        if (bytes > CUT_AT_SPACE_AFTER) break
      } else word += str[i]
      bytes += 1
    } else if (c < 0x800) {
      word += byte(0xc0 | (c >> 6)) + byte(0x80 | (c & 0x3f))
      bytes += 2
    } else if (c < 0xd800 || c >= 0xe000) {
      word += byte(0xe0 | (c >> 12)) + byte(0x80 | ((c >> 6) & 0x3f)) + byte(0x80 | (c & 0x3f))
      bytes += 3
    } else {
      c = 0x10000 + (((c & 0x3ff) << 10) | (str.charCodeAt(++i) & 0x3ff))
      word += byte(0xf0 | (c >> 18)) + byte(0x80 | ((c >> 12) & 0x3f)) + byte(0x80 | ((c >> 6) & 0x3f)) + byte(0x80 | (c & 0x3f))
      bytes += 4
    }
    if (bytes > CUT_AFTER) break
  }
  if (word !== '') words.push(word)
  return words
}

/** byteWords for a text all in ASCII (most English ones): whole words, no encoding, the same cuts. */
function asciiWords(str: string): string[] {
  const words: string[] = []
  let bytes = 0
  const parts = str.split(' ')
  for (let p = 0; p < parts.length; p++) {
    if (p > 0) {
      if (bytes > CUT_AT_SPACE_AFTER) break
      if (++bytes > CUT_AFTER) break
    }
    const part = parts[p]
    const room = CUT_AFTER + 1 - bytes // eld stops after the character that passes the cut
    if (part.length >= room) {
      words.push(part.slice(0, room))
      break
    }
    if (part !== '') words.push(part)
    bytes += part.length
  }
  return words
}

export interface LanguageScores {
  lang: string | null
  /** the best language's share of the best two scores (eld's 0..1 scale) */
  confidence: number
}

const totals = new Float64Array(languages.length)

export function scoreLanguages(text: string): LanguageScores {
  totals.fill(0)
  textNumber = (textNumber + 1) | 0 || 1
  let counted = 0
  const unknown = new Set<string>()
  const add = (gram: string) => {
    const n = numberOf.get(gram)
    if (n === undefined) {
      unknown.add(gram)
      return
    }
    if (countedFor[n] === textNumber) return
    countedFor[n] = textNumber
    counted++
    for (let i = starts[n]; i < starts[n + 1]; i += 2) totals[packed[i]] += packed[i + 1]
  }
  for (const word of byteWords(text.slice(0, 1000))) {
    const len = Math.min(word.length, 70)
    let j = 0
    for (; j + 4 < len; j += 3) add((j === 0 ? ' ' : '') + word.substring(j, j + 4))
    add((j === 0 ? ' ' : '') + word.substring(len !== 3 ? len - 4 : 0) + ' ')
  }
  // eld averages over every distinct n-gram of the text, known or not
  const distinct = counted + unknown.size
  let best = -1
  let first = 0
  let second = 0
  for (let k = 0; k < totals.length; k++) {
    if (totals[k] <= 0) continue
    const average = totals[k] / distinct
    const scaled = average / (average + SCALE)
    if (scaled > first) {
      second = first
      first = scaled
      best = k
    } else if (scaled > second) second = scaled
  }
  return best < 0 ? { lang: null, confidence: 0 } : { lang: languages[best], confidence: first / (first + second) }
}
