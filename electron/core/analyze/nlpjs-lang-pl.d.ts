// @nlpjs/lang-pl ships no types; the one class we use, as its source (and nlp.js's
// BaseStemmer) defines it.
declare module '@nlpjs/lang-pl' {
  export class StemmerPl {
    /** the word to stem (lower-cased) */
    setCurrent(word: string): void
    /** stems the current word in place, without the cache `stem()` keeps */
    innerStem(): void
    getCurrent(): string
  }
}
