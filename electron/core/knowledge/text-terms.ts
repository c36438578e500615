// Text to search terms, per language: words lower-cased, stop words dropped, and inflected
// forms merged by Snowball stemmers ("vluchten" and "vlucht" are one term; so are Finnish
// "lennot" and "lento"). Polish and Hebrew words are kept whole (still searchable).
import { stemmerFor, stopwordsFor } from '../analyze/stemming'

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu
/** Words this long are noise (links, hashes), not something people ask about. */
const MAX_WORD = 40

/** Search terms of `text` in `lang`, in order, repeats kept (FTS ranks by frequency). */
export function textTerms(text: string, lang: string): string[] {
  return termsWithWords(text, lang).map(([term]) => term)
}

/** Each search term of `text` with the word it came from, so a match is shown as words people wrote ("airlines"), not stems ("airlin"). */
export function termsWithWords(text: string, lang: string): [term: string, word: string][] {
  const stem = stemmerFor(lang)
  const stop = stopwordsFor(lang)
  const out: [string, string][] = []
  for (const m of text.normalize('NFKC').toLowerCase().matchAll(WORD)) {
    const w = m[0]
    if (w.length < 2 || w.length > MAX_WORD || stop?.has(w)) continue
    out.push([stem(w), w])
  }
  return out
}
