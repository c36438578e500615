import { describe, expect, it } from 'vitest'
import { packAnalyses, unpackAnalyses } from '../../electron/core/analyze/analysis-packing'
import { analyzeMention, type Analysis } from '../../electron/core/analyze/analyze-mention'

describe('analyses packed for the trip back from the analysis thread', () => {
  it('arrive as they left, through a structured clone that moves the typed arrays', () => {
    const texts = [
      'Stranded overnight at AMS with my kids, my daughter needs her insulin and nobody answers, call me on +31 6 1234 5678 or mail anna@example.com, booking K7XQ2P!',
      'Thank you KLM, rebooked in minutes 🙏',
      'Wanneer gaat HEL weer open?',
      '',
      '😀',
      'שלום, הטיסה בוטלה ואין מלון'
    ]
    const before: Analysis[] = texts.map((text) => analyzeMention({ text, lang: null }))
    expect(before[0]).toMatchObject({
      urgent: ['medical', 'minors', 'overnight'],
      personal: ['email', 'phone', 'booking code']
    })
    expect(before.some((a) => a.lang === null) && before.some((a) => a.echoKey === null)).toBe(true)
    const { packed, transfer } = packAnalyses(before)
    const arrived = structuredClone(packed, { transfer })
    expect(packed.numbers.byteLength).toBe(0) // moved, not copied
    expect(unpackAnalyses(arrived)).toEqual(before)
    expect(unpackAnalyses(structuredClone(packAnalyses([]).packed))).toEqual([])
  })
})
