#!/usr/bin/env node
// Writes resources/language/served-ngrams.json: eld's large n-gram database (Apache-2.0,
// https://github.com/nitotm/efficient-language-detector-js) cut down to the languages the
// console serves, in a compact form the core loads in milliseconds. eld's own way to make
// such a subset (saveSubset) works only in a browser, and its package exports don't let
// Node load one. The full database costs about 140 MB of heap per thread; the cut one a
// few MB, and scoring 14 languages instead of 60 is what makes language identification
// fast enough for live ingest (README, "Benchmark").
//
//   node electron/host/build-language-table.js          rewrite the file from the installed eld
//   node electron/host/build-language-table.js --check  exit 1 if the file differs from it
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** Keep in step with SERVED_LANGUAGES in electron/core/analyze/language.ts (which checks it). */
const SERVED = ['en', 'nl', 'sv', 'fi', 'pl', 'de', 'fr', 'es', 'it', 'pt', 'da', 'no', 'he', 'ar']
const TARGET = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'resources',
  'language',
  'served-ngrams.json'
)

// the package exports only its entry points; the data files sit beside them
const entry = import.meta.resolve('eld/large')
const { ngramsData } = await import(new URL('../ngrams/large.js', entry).href)
const { dictionary } = await import(new URL('../dictionary.js', entry).href)
const eldVersion = JSON.parse(fs.readFileSync(new URL('../../package.json', entry), 'utf8')).version

// in eld's own order, so a tie goes to the language eld would pick
const languages = Object.entries(ngramsData.languages).filter(([, code]) => SERVED.includes(code))
const slotOf = new Map(languages.map(([index], slot) => [index, slot]))
if (slotOf.size !== SERVED.length)
  throw new Error(
    `eld ${eldVersion} lacks ${SERVED.filter((c) => !Object.values(ngramsData.languages).includes(c)).join(', ')}`
  )

// n-gram -> [slot, score, slot, score...], scores as eld stores them (before its base of 53)
const ngrams = {}
for (const [gram, scores] of Object.entries(ngramsData.ngrams)) {
  const packed = []
  for (const [index, score] of Object.entries(scores)) if (slotOf.has(index)) packed.push(slotOf.get(index), score)
  if (packed.length) ngrams[gram] = packed
}
const text = `${JSON.stringify({ source: `eld ${eldVersion}, ${ngramsData.type} database`, languages: languages.map(([, code]) => code), dictionary: dictionary.slice(0x80), ngrams })}\n`

if (process.argv.includes('--check')) {
  const current = fs.existsSync(TARGET) ? fs.readFileSync(TARGET, 'utf8') : ''
  if (current !== text) {
    process.stderr.write(
      `${path.relative(process.cwd(), TARGET)} is not what eld ${eldVersion} gives: run node electron/host/build-language-table.js\n`
    )
    process.exit(1)
  }
} else {
  fs.writeFileSync(TARGET, text)
  process.stdout.write(
    `${TARGET}: ${Object.keys(ngrams).length} n-grams, ${SERVED.length} languages, from eld ${eldVersion}\n`
  )
}
