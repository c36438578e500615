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
// Its dictionary writes some bytes as a space (lead bytes such as 0xCC, which starts the
// combining accents of decomposed text: "é" as "e" and U+0301), so to eld's table those
// bytes inside an n-gram are a space. An n-gram's key here does the same.
const keyByte = Uint8Array.from({ length: 256 }, (_, b) => (b >= 0x80 && dictionary[b - 0x80] === ' ' ? SPACE : b))
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

// Open addressing over one typed array: no string, no allocation per lookup, and a probe
// reads one slot of four numbers (16 bytes, one cache line) instead of a line in each of
// several arrays; the table is a few MB and a text's n-grams land anywhere in it.
//   [lo, hi, where its scores are (start << 5 | count), the text it was last counted for]
const grams = Object.keys(ngrams)
const SLOT_BITS = Math.ceil(Math.log2(grams.length * 3))
const SLOTS = 1 << SLOT_BITS
const LO = 0
const HI = 1
const SCORES = 2
const COUNTED_FOR = 3
const slots = new Int32Array(SLOTS * 4)
for (let s = 0; s < SLOTS; s++) slots[s * 4 + HI] = -1
const slotOf = (lo: number, hi: number) =>
  Math.imul(lo ^ Math.imul(hi + 1, 0x9e3779b1), 0x85ebca6b) >>> (32 - SLOT_BITS)

/** Each n-gram's scores, (language, score) pairs, in one shared array. */
const packed = new Int32Array(Object.values(ngrams).reduce((n, p) => n + p.length, 0))
/** An n-gram's count of numbers fits in 5 bits: 14 languages make at most 28. */
const COUNT_BITS = 5
{
  let at = 0
  for (const gram of grams) {
    if (gram.length > 6) throw new Error(`served-ngrams.json: n-gram "${gram}" is longer than 6 bytes`)
    const scores = ngrams[gram]
    if (scores.length >= 1 << COUNT_BITS)
      throw new Error(`served-ngrams.json: n-gram "${gram}" has more than ${(1 << COUNT_BITS) / 2} languages`)
    const [lo, hi] = keyHalves(gram)
    let s = slotOf(lo, hi)
    while (slots[s * 4 + HI] !== -1) s = (s + 1) & (SLOTS - 1)
    slots[s * 4 + LO] = lo
    slots[s * 4 + HI] = hi
    slots[s * 4 + SCORES] = (at << COUNT_BITS) | scores.length
    for (const [i, v] of scores.entries()) packed[at++] = i % 2 ? v + BASE_SCORE : v
  }
}

/** The n-gram's slot (its index times 4), or -1 when the table hasn't got it. */
function slotIndex(lo: number, hi: number): number {
  for (let s = slotOf(lo, hi); slots[s * 4 + HI] !== -1; s = (s + 1) & (SLOTS - 1))
    if (slots[s * 4 + LO] === lo && slots[s * 4 + HI] === hi) return s * 4
  return -1
}

// eld's separators: anything that isn't a letter of the Basic Multilingual Plane (its list
// stops there: "𝐅𝐥𝐢𝐠𝐡𝐭" is no word to it), except an apostrophe closing a run
const SEPARATORS = /(?:[^\p{L}]|[\u{10000}-\u{10FFFF}])+(?<![\x27\x60\u2019])/gu

/** Whether a UTF-16 unit of the BMP is a letter (\p{L}): 0 not yet asked, 1 yes, 2 no. */
const letterness = new Uint8Array(0x10000)
function isLetter(c: number): boolean {
  if (c < 0x80) return (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a
  if (c >= 0xd800 && c <= 0xdfff) return false // beyond the BMP, or half of it: a separator to eld
  if (letterness[c] === 0) letterness[c] = /\p{L}/u.test(String.fromCharCode(c)) ? 1 : 2
  return letterness[c] === 1
}
const isApostrophe = (c: number) => c === 0x27 || c === 0x60 || c === 0x2019

/**
 * Writes into `bytes` what eld reads of the text, and returns how many bytes that is:
 * the text with SEPARATORS made one space, trimmed and lower-cased, in UTF-8, as far as
 * eld's cuts can reach. One pass over the text, where the regular expression, trim,
 * toLowerCase and encodeInto took four passes and three strings.
 * Lower-casing comes first here; that gives the same letters except for "İ" (it becomes "i"
 * and a combining dot, which is no letter) and "Σ" (its lower case depends on the letters
 * around it): texts with those take eld's own steps.
 */
function cleanInto(text: string): number {
  if (/[\u0130\u03a3]/.test(text))
    return encoder.encodeInto(text.replace(SEPARATORS, ' ').trim().toLowerCase(), bytes).written
  const lower = text.toLowerCase()
  const n = lower.length
  let written = 0
  const put = (c: number) => {
    if (c < 0x80) bytes[written++] = c
    else if (c < 0x800) {
      bytes[written++] = 0xc0 | (c >> 6)
      bytes[written++] = 0x80 | (c & 0x3f)
    } else {
      bytes[written++] = 0xe0 | (c >> 12)
      bytes[written++] = 0x80 | ((c >> 6) & 0x3f)
      bytes[written++] = 0x80 | (c & 0x3f)
    }
  }
  let i = 0
  while (i < n && written <= CUT_AFTER + 4) {
    const c = lower.charCodeAt(i)
    if (isLetter(c)) {
      put(c)
      i++
      continue
    }
    // a run of separators becomes one space, except the apostrophes that close it
    let end = i + 1
    while (end < n && !isLetter(lower.charCodeAt(end))) end++
    let kept = end
    while (kept > i && isApostrophe(lower.charCodeAt(kept - 1))) kept--
    if (kept > i && written > 0 && (end < n || kept < end)) bytes[written++] = SPACE // none at either end (trimmed)
    for (let k = kept; k < end; k++) put(lower.charCodeAt(k))
    i = end
  }
  return written
}

// per-text scratch, reused: a text is at most 1,000 UTF-16 units, so 3,000 UTF-8 bytes
const encoder = new TextEncoder()
const bytes = new Uint8Array(3 * 1000 + 4)
const wordStart = new Int32Array(CUT_AFTER + 2)
const wordEnd = new Int32Array(CUT_AFTER + 2)
const totals = new Float64Array(languages.length)
/** one n-gram's bytes, spaces included */
const gram = new Uint8Array(bytes.length + 2)
/** numbers the texts, for each slot's COUNTED_FOR: an n-gram counts once per text, as in eld */
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
  const words = splitWords(cleanInto(text.slice(0, 1000)))
  totals.fill(0)
  textNumber = (textNumber + 1) | 0 || 1
  let counted = 0
  const unknown = new Set<number | string>()
  /** the n-gram of `length` bytes from `at`, with a space before and/or after it */
  const add = (at: number, length: number, spaceBefore: boolean, spaceAfter: boolean) => {
    let k = 0
    if (spaceBefore) gram[k++] = SPACE
    for (let i = at; i < at + length; i++) gram[k++] = keyByte[bytes[i]]
    if (spaceAfter) gram[k++] = SPACE
    let lo = 0
    let hi = 0
    for (let i = 0; i < k && i < 3; i++) lo |= gram[i] << (8 * i)
    for (let i = 3; i < k && i < 6; i++) hi |= gram[i] << (8 * (i - 3))
    const slot = k <= 6 ? slotIndex(lo, hi) : -1
    if (slot < 0) {
      // a longer one (the end of a word past eld's 70 bytes) is in no table: counted by its bytes
      unknown.add(k <= 6 ? hi * 16777216 + lo : String.fromCharCode(...gram.subarray(0, k)))
      return
    }
    if (slots[slot + COUNTED_FOR] === textNumber) return
    slots[slot + COUNTED_FOR] = textNumber
    counted++
    const from = slots[slot + SCORES] >>> COUNT_BITS
    const to = from + (slots[slot + SCORES] & ((1 << COUNT_BITS) - 1))
    for (let i = from; i < to; i += 2) totals[packed[i]] += packed[i + 1]
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
