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
  '#TeamJockiBoy❤️'
]

const round = (x: number) => Math.round(x * 1e9) / 1e9

describe('scoreLanguages (eld, cut to the served languages)', () => {
  eld.setLanguageSubset([...SERVED_LANGUAGES])

  it(`gives eld's own language and confidence (${phrases.length + awkward.length} texts)`, () => {
    for (const text of [...phrases, ...awkward]) {
      const theirs = eld.detect(text)
      const [first = 0, second = 0] = Object.values(theirs.getScores() as Record<string, number>)
      const ours = scoreLanguages(text)
      expect({ text, lang: ours.lang, confidence: round(ours.confidence) }).toEqual({ text, lang: theirs.language || null, confidence: round(first > 0 ? first / (first + second) : 0) })
    }
  })

  it('comes from the installed eld (electron/host/build-language-table.js --check)', () => {
    const r = spawnSync(process.execPath, [path.join(__dirname, '..', '..', 'electron', 'host', 'build-language-table.js'), '--check'], { encoding: 'utf8' })
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
  })
})
