// Duplicates and echoes: retweets ("RT @someone: ..."), copies and near-copies (the same
// words with other links, handles or punctuation) share a key, so the wall can show
// unique voices next to raw volume and the queue can show an original with its echoes.

/** Fewer words than this and sameness says nothing ("thanks!" from many people are many voices). */
const MIN_WORDS = 4

const RETWEET = /^\s*RT\s+@[\p{L}\p{N}_]+:?\s*/iu
const LINK = /https?:\/\/\S+|www\.\S+/g
const HANDLE = /(^|\s)@[\p{L}\p{N}_.]+/gu
const WORD_CHAR = /[\p{L}\p{N}]/u

/**
 * 1 for each UTF-16 unit of the Basic Multilingual Plane that is a letter or a digit (what
 * [\p{L}\p{N}] matches): words are found by looking units up here, which is several times
 * quicker than matching a Unicode pattern over every text. Built once, in a few ms.
 */
const WORD_UNIT = (() => {
  const table = new Uint8Array(0x10000)
  for (let c = 0; c < 0x10000; c++)
    if ((c < 0xd800 || c > 0xdfff) && WORD_CHAR.test(String.fromCharCode(c))) table[c] = 1
  return table
})()

/** The key a mention shares with its echoes, or null when it is too short to tell. */
export function echoKeyOf(text: string): string | null {
  let plain = text.replace(RETWEET, '').normalize('NFKC').toLowerCase()
  // links and handles differ between copies of the same words (the checks spare most texts a scan)
  if (plain.includes('://') || plain.includes('www.')) plain = plain.replace(LINK, ' ')
  if (plain.includes('@')) plain = plain.replace(HANDLE, ' ')
  // a 64-bit hash of the words, one space between each (cyrb53's mixing, two 32-bit halves):
  // a collision among ten million mentions is about a one-in-a-million chance
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  let words = 0
  let inWord = false
  for (let i = 0; i < plain.length; i++) {
    const c = plain.charCodeAt(i)
    let units = WORD_UNIT[c]
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < plain.length && WORD_CHAR.test(plain.slice(i, i + 2))) units = 2 // a letter beyond the BMP
    if (!units) {
      inWord = false
      continue
    }
    if (!inWord) {
      if (words++ > 0) {
        h1 = Math.imul(h1 ^ 32, 2654435761)
        h2 = Math.imul(h2 ^ 32, 1597334677)
      }
      inWord = true
    }
    for (let k = 0; k < units; k++) {
      const u = plain.charCodeAt(i + k)
      h1 = Math.imul(h1 ^ u, 2654435761)
      h2 = Math.imul(h2 ^ u, 1597334677)
    }
    i += units - 1
  }
  if (words < MIN_WORDS) return null
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0')
}

export const isRetweet = (text: string): boolean => RETWEET.test(text)
