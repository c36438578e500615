// Duplicates and echoes: retweets ("RT @someone: ..."), copies and near-copies (the same
// words with other links, handles or punctuation) share a key, so the wall can show
// unique voices next to raw volume and the queue can show an original with its echoes.
import crypto from 'node:crypto'

/** Fewer words than this and sameness says nothing ("thanks!" from many people are many voices). */
const MIN_WORDS = 4

const RETWEET = /^\s*RT\s+@[\p{L}\p{N}_]+:?\s*/iu
const LINK = /https?:\/\/\S+|www\.\S+/g
const HANDLE = /(^|\s)@[\p{L}\p{N}_.]+/gu

/** The key a mention shares with its echoes, or null when it is too short to tell. */
export function echoKeyOf(text: string): string | null {
  let plain = text.replace(RETWEET, '').normalize('NFKC').toLowerCase()
  // links and handles differ between copies of the same words (the checks spare most texts a scan)
  if (plain.includes('://') || plain.includes('www.')) plain = plain.replace(LINK, ' ')
  if (plain.includes('@')) plain = plain.replace(HANDLE, ' ')
  const words = plain.match(/[\p{L}\p{N}]+/gu)
  if (!words || words.length < MIN_WORDS) return null
  return crypto.hash('sha1', words.join(' '), 'base64url').slice(0, 16)
}

export const isRetweet = (text: string): boolean => RETWEET.test(text)
