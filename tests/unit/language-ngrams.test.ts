// Our scoring of eld's table against eld itself: the same language and confidence for the
// drill's texts in every served language, and for the awkward ones (short, mixed scripts,
// emoji, long), so the speed-up changes no answer. And the committed table is what the
// installed eld gives, so an eld upgrade can't leave it stale unnoticed.
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { eld } from 'eld/large'
import drill from '../../resources/scenarios/ash-cloud.json'
import { scoreLanguages } from '../../electron/core/analyze/language-ngrams'
import { SERVED_LANGUAGES } from '../../electron/core/analyze/language'

const phrases = Object.values(drill.languages as Record<string, { phrases: string[] }>).flatMap((l) => l.phrases)
const awkward = [
  'ok',
  'Lento peruttu!!!',
  'perutut lennot, peruttujen lentojen matkustajat',
  "Don't worry, we'll rebook y'all",
  'הטיסה בוטלה ואף אחד לא עונה',
  'تم إلغاء الرحلة ولا أحد يجيب',
  'KLM ✈️😡 cancelled AGAIN',
  'Vlucht KL1234 geannuleerd, flight cancelled, vol annulé',
  'Zażółć gęślą jaźń, lot odwołany',
  'Vi sitter fast på Arlanda i natt. '.repeat(40),
  'Stranded at AMS overnight, no hotel, no answer. '.repeat(30), // past eld's cut, all ASCII
  `${'lento'.repeat(20)} ${'lento'.repeat(20)} ${'peruttu'.repeat(15)}ä`, // words past eld's 70 bytes, one twice
  '𝐅𝐥𝐢𝐠𝐡𝐭 cancelled 🙃',
  'Hej❤', // a tie between Danish and Swedish: eld's order decides
  '#TeamJockiBoy❤️',
  "' Muss man erst sterben, um vermisst zu werden? '", // apostrophes closing a run stay, even at the end
  "  ''rock 'n' roll'' ` l’aéroport d’Orly.'",
  'İstanbul uçuşu iptal edildi', // İ lower-cases to i and a combining dot
  'ΠΤΗΣΗ ΑΚΥΡΩΘΗΚΕ ΣΗΜΕΡΑ ΟΔΟΣ', // Σ lower-cases by the letters around it
  'Le vol a été annulé, aucune réponse à l’aéroport'.normalize('NFD'), // accents as combining marks: separators to eld
  'Lennot on peruttu, emme pääse kotiin'.normalize('NFD'),
  'They donʼt answer, weʼre stuck' // U+02BC is a letter whose UTF-8 lead byte eld's table writes as a space
]

/** Texts from the characters that steer eld's cleaning: letters, apostrophes, spaces, marks, emoji. */
function randomTexts(count: number, seed: number): string[] {
  const parts = [
    "'",
    '`',
    '’',
    ' ',
    '  ',
    '.',
    '!',
    '?',
    '-',
    '😡',
    '✈️',
    '\u0301',
    '1',
    'a',
    'é',
    'ß',
    'ö',
    'ł',
    'ש',
    'ع',
    'vlucht',
    'lento',
    'Peruttu',
    'ODWOŁANY',
    'İ',
    'Σ'
  ]
  let x = seed
  const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32
  return Array.from({ length: count }, () =>
    Array.from({ length: 1 + Math.floor(next() * 40) }, () => parts[Math.floor(next() * parts.length)]).join('')
  )
}

const round = (x: number) => Math.round(x * 1e9) / 1e9

/** Our language and confidence for `text` are eld's own (its confidence: the best's share of the top two). */
function expectEldsAnswer(text: string) {
  const theirs = eld.detect(text)
  const [first = 0, second = 0] = Object.values(theirs.getScores() as Record<string, number>)
  const ours = scoreLanguages(text)
  expect({ text, lang: ours.lang, confidence: round(ours.confidence) }).toEqual({
    text,
    lang: theirs.language || null,
    confidence: round(first > 0 ? first / (first + second) : 0)
  })
}

describe('scoreLanguages (eld, cut to the served languages)', () => {
  eld.setLanguageSubset([...SERVED_LANGUAGES])

  it(`gives eld's own language and confidence (${phrases.length + awkward.length} texts)`, () => {
    for (const text of [...phrases, ...awkward]) {
      expectEldsAnswer(text)
    }
  })

  it('cleans text as eld does: 2,000 random texts of apostrophes, separators and letters', () => {
    for (const text of randomTexts(2000, 7)) {
      expectEldsAnswer(text)
    }
  })

  it('comes from the installed eld (electron/host/build-language-table.js --check)', () => {
    const r = spawnSync(
      process.execPath,
      [path.join(__dirname, '..', '..', 'electron', 'host', 'build-language-table.js'), '--check'],
      { encoding: 'utf8' }
    )
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
  })
})
