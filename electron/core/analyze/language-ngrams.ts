// Language identification the way eld does it, over the table electron/host/build-language-table.js
// cuts from eld's large database for the languages we serve: each word's UTF-8 bytes in
// n-grams of 4 at a stride of 3 (plus the word's end), each n-gram adding its score to the
// languages that have it, and the best per n-gram on average wins. The same languages and
// confidences as eld's own detect() with that language subset (the unit test holds us to
// it), several times faster: eld walks all 60 languages of each n-gram, in objects, and
// builds a string per n-gram; here an n-gram is its bytes read as a number, looked up in
// a table of typed arrays.
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
/** eld's longest word, in bytes (the last n-gram still runs to the word's end). */
const MAX_WORD = 70
const SPACE = 0x20

const { languages, dictionary, ngrams } = table as unknown as Table
export const TABLE_LANGUAGES: readonly string[] = languages

// An n-gram of up to 6 bytes (spaces included: every n-gram in the table) is the number
// b0 + b1·256 + ... , kept as two 24-bit halves. eld writes a byte above 0x7F as a
// character of its dictionary, one that cleaned text never holds as itself.
const byteOf = new Map(dictionary.map((c, i) => [c, 0x80 + i]))
function keyHalves(gram: string): [number, number] {
  let lo = 0
  let hi = 0
  for (let i = 0; i < gram.length; i++) {
    const b = gram[i] === ' ' ? SPACE : (byteOf.get(gram[i]) ?? gram.charCodeAt(i))
    if (i < 3) lo += b * 256 ** i
    else hi += b * 256 ** (i - 3)
  }
  return [lo, hi]
}

// open addressing over typed arrays: no string, no allocation per lookup
const grams = Object.keys(ngrams)
const SLOT_BITS = Math.ceil(Math.log2(grams.length * 3))
const SLOTS = 1 << SLOT_BITS
const slotLo = new Int32Array(SLOTS)
const slotHi = new Int32Array(SLOTS).fill(-1)
const slotNumber = new Int32Array(SLOTS)
const slotOf = (lo: number, hi: number) => Math.imul(lo ^ Math.imul(hi + 1, 0x9e3779b1), 0x85ebca6b) >>> (32 - SLOT_BITS)

// each n-gram's scores in one shared array, from starts[number] to starts[number + 1]
const starts = new Int32Array(grams.length + 1)
const packed = new Int32Array(Object.values(ngrams).reduce((n, p) => n + p.length, 0))
{
  let at = 0
  grams.forEach((gram, number) => {
    if (gram.length > 6) throw new Error(`served-ngrams.json: n-gram "${gram}" is longer than 6 bytes`)
    const [lo, hi] = keyHalves(gram)
    let s = slotOf(lo, hi)
    while (slotHi[s] !== -1) s = (s + 1) & (SLOTS - 1)
    slotLo[s] = lo
    slotHi[s] = hi
    slotNumber[s] = number
    starts[number] = at
    for (const [i, v] of ngrams[gram].entries()) packed[at++] = i % 2 ? v + BASE_SCORE : v
  })
  starts[grams.length] = at
}

function numberOf(lo: number, hi: number): number {
  for (let s = slotOf(lo, hi); slotHi[s] !== -1; s = (s + 1) & (SLOTS - 1)) if (slotLo[s] === lo && slotHi[s] === hi) return slotNumber[s]
  return -1
}

// eld's separators: anything that isn't a letter of the Basic Multilingual Plane (its list
// stops there: "𝐅𝐥𝐢𝐠𝐡𝐭" is no word to it), except an apostrophe closing a run
const SEPARATORS = /(?:[^\p{L}]|[\u{10000}-\u{10FFFF}])+(?<![\x27\x60\u2019])/gu

// per-text scratch, reused: a text is at most 1,000 UTF-16 units, so 3,000 UTF-8 bytes
const encoder = new TextEncoder()
const bytes = new Uint8Array(3 * 1000 + 4)
const wordStart = new Int32Array(CUT_AFTER + 2)
const wordEnd = new Int32Array(CUT_AFTER + 2)
const totals = new Float64Array(languages.length)
/** one n-gram's bytes, spaces included */
const gram = new Uint8Array(bytes.length + 2)
/** the text an n-gram was last counted for: each counts once per text, as in eld */
const countedFor = new Int32Array(grams.length)
let textNumber = 0

/** eld's words, as byte ranges of `bytes`: its cuts at a space after 350 bytes, and after the character passing 380. */
function splitWords(length: number): number {
  let words = 0
  let start = -1
  let counted = 0
  let i = 0
  while (i < length) {
    const b = bytes[i]
    const width = b < 0x80 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4
    if (b === SPACE) {
      if (start >= 0) {
        wordStart[words] = start
        wordEnd[words++] = i
        start = -1
      }
      if (counted > CUT_AT_SPACE_AFTER) return words
    } else if (start < 0) start = i
    counted += width
    i += width
    if (counted > CUT_AFTER) break
  }
  if (start >= 0) {
    wordStart[words] = start
    wordEnd[words++] = Math.min(i, length)
  }
  return words
}

export interface LanguageScores {
  lang: string | null
  /** the best language's share of the best two scores (eld's 0..1 scale) */
  confidence: number
}

export function scoreLanguages(text: string): LanguageScores {
  const str = text.slice(0, 1000).replace(SEPARATORS, ' ').trim().toLowerCase()
  const words = splitWords(encoder.encodeInto(str, bytes).written)
  totals.fill(0)
  textNumber = (textNumber + 1) | 0 || 1
  let counted = 0
  const unknown = new Set<number | string>()
  /** the n-gram of `length` bytes from `at`, with a space before and/or after it */
  const add = (at: number, length: number, spaceBefore: boolean, spaceAfter: boolean) => {
    let k = 0
    if (spaceBefore) gram[k++] = SPACE
    for (let i = at; i < at + length; i++) gram[k++] = bytes[i]
    if (spaceAfter) gram[k++] = SPACE
    let lo = 0
    let hi = 0
    for (let i = 0; i < k && i < 3; i++) lo |= gram[i] << (8 * i)
    for (let i = 3; i < k && i < 6; i++) hi |= gram[i] << (8 * (i - 3))
    const n = k <= 6 ? numberOf(lo, hi) : -1
    if (n < 0) {
      // a longer one (the end of a word past eld's 70 bytes) is in no table: counted by its bytes
      unknown.add(k <= 6 ? hi * 16777216 + lo : String.fromCharCode(...gram.subarray(0, k)))
      return
    }
    if (countedFor[n] === textNumber) return
    countedFor[n] = textNumber
    counted++
    for (let i = starts[n]; i < starts[n + 1]; i += 2) totals[packed[i]] += packed[i + 1]
  }
  for (let w = 0; w < words; w++) {
    const start = wordStart[w]
    const size = wordEnd[w] - start
    const len = Math.min(size, MAX_WORD)
    let j = 0
    for (; j + 4 < len; j += 3) add(start + j, 4, j === 0, false)
    const from = len !== 3 ? Math.max(len - 4, 0) : 0
    add(start + from, size - from, j === 0, true)
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
