// The analyzers as a caller sees them: language with a confidence, sentiment with negation,
// emoji and crisis vocabulary in several languages, a causal spike detector, and a defined
// result for every bad input the analyze issue lists.
import { describe, expect, it } from 'vitest'
import { detectLanguage } from '../../electron/core/analyze/language'
import { analyzeSentiment } from '../../electron/core/analyze/sentiment'
import { RobustWindow } from '../../electron/core/analyze/robust-window'
import { SeriesDetector, type SeriesDetectorOptions } from '../../electron/core/analyze/series-detector'
import { SpikeDetector } from '../../electron/core/analyze/spike-detector'
import { classificationScores } from '../../electron/core/analyze/classification-scores'
import { readSeries } from '../../electron/host/analyze-commands'

describe('detectLanguage', () => {
  it('names the language of short texts with a confidence', () => {
    expect(detectLanguage('Mijn vlucht naar Schiphol is geannuleerd, wat nu?')).toMatchObject({ lang: 'nl' })
    expect(detectLanguage('Lentoni on peruttu, mitä nyt?').lang).toBe('fi')
    expect(detectLanguage('Mój lot został odwołany, co teraz?').lang).toBe('pl')
    expect(detectLanguage('הטיסה שלי בוטלה, מה עכשיו?').lang).toBe('he')
    expect(detectLanguage('Mitt flyg är inställt, vad gör jag nu?').lang).toBe('sv')
    const c = detectLanguage('The flight was cancelled and nobody answers the phone').confidence
    expect(c).toBeGreaterThan(0.5)
    expect(c).toBeLessThanOrEqual(1)
  })

  it('says "unknown" (null) for empty, emoji-only and link-only text, and copes with huge or mixed text', () => {
    for (const t of ['', '😡😡✈️', 'https://example.com/x', '   ', '\u200F\u200F'])
      expect(detectLanguage(t)).toEqual({ lang: null, confidence: 0 })
    expect(detectLanguage('flight cancelled '.repeat(700)).lang).toBe('en')
    expect(detectLanguage('Vlucht KL1234 geannuleerd — הטיסה בוטלה — annulé').lang).not.toBeUndefined()
  })
})

describe('analyzeSentiment', () => {
  it('reads disruption as negative and thanks as positive, in several languages', () => {
    expect(analyzeSentiment('Flight cancelled, stranded at AMS for hours, nobody answers', 'en').label).toBe('negative')
    expect(analyzeSentiment('Thank you so much for the quick rebooking, great help!', 'en').label).toBe('positive')
    expect(analyzeSentiment('Vlucht geannuleerd en al uren in de wacht. Belachelijk.', 'nl').label).toBe('negative')
    expect(analyzeSentiment('Lento peruttiin ja olemme jumissa', 'fi').label).toBe('negative')
    expect(analyzeSentiment('Tack för hjälpen, toppen!', 'sv').label).toBe('positive')
    expect(analyzeSentiment('Lot odwołany, masakra', 'pl').label).toBe('negative')
  })

  it('flips a negated word, strengthens an intensified one, and counts emoji and emoticons', () => {
    const good = analyzeSentiment('The service was good', 'en').score
    expect(good).toBeGreaterThan(0)
    expect(analyzeSentiment('The service was not good', 'en').score).toBeLessThan(0)
    expect(analyzeSentiment('The service was very good', 'en').score).toBeGreaterThan(good)
    expect(analyzeSentiment('De service was niet goed', 'nl').score).toBeLessThan(0)
    expect(analyzeSentiment('😡😡', 'en').label).toBe('negative')
    expect(analyzeSentiment('on my way :)', 'en').label).toBe('positive')
  })

  it('weighs a word written in capitals more, whether it stands alone or opens a phrase, in any case of the rest', () => {
    const bad = analyzeSentiment('The service was bad', 'en').score
    expect(analyzeSentiment('The service was BAD', 'en').score).toBeLessThan(bad)
    expect(analyzeSentiment('THE SERVICE WAS BAD', 'en').score).toBe(
      analyzeSentiment('The service was BAD', 'en').score
    ) // only words with a value count
    expect(analyzeSentiment('Ceci est DÉGOÛTANT', 'fr').score).toBeLessThan(
      analyzeSentiment('Ceci est dégoûtant', 'fr').score
    )
    expect(analyzeSentiment('İstanbul: the service was BAD', 'en').score).toBe(
      analyzeSentiment('The service was BAD', 'en').score
    ) // lower case that changes the length
  })

  it('gives a defined result for empty, emoji-free symbols, huge and unknown-language text', () => {
    expect(analyzeSentiment('', 'en')).toEqual({ label: 'neutral', score: 0 })
    expect(analyzeSentiment('https://example.com', null)).toEqual({ label: 'neutral', score: 0 })
    const huge = analyzeSentiment('terrible '.repeat(10_000), 'en')
    expect(huge.label).toBe('negative')
    expect(huge.score).toBeGreaterThanOrEqual(-1)
    expect(analyzeSentiment('bad service', 'xx').label).toBe('negative') // unknown language: the English list still counts
  })

  it('reads a handle or a link as a name, and a plea for help as no praise', () => {
    expect(analyzeSentiment('@united', 'en').label).toBe('neutral') // "united" is +1 in AFINN
    expect(analyzeSentiment('see https://example.com/great-deals', 'en').label).toBe('neutral')
    expect(analyzeSentiment('@united please help, the site is down again', 'en').label).toBe('negative')
    expect(analyzeSentiment('Por favor, ayuda', 'es').label).toBe('neutral')
  })

  it('matches inflected Polish and Hebrew forms, and not a short stem that happens to be a word', () => {
    // the lexicon lists "okropny", "fatalny" and "beznadziejny": the Polish stemmer finds the other forms
    for (const text of ['Okropne', 'Obsługa fatalnej jakości', 'beznadziejna'])
      expect(analyzeSentiment(text, 'pl').label).toBe('negative')
    expect(analyzeSentiment('כל הכבוד', 'he').label).toBe('positive') // "the honour": ה + כבוד
    expect(analyzeSentiment('The flight has landed', 'en').label).toBe('neutral') // "has" stems to "ha", a laugh
  })
})

describe('SpikeDetector', () => {
  const series = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i))

  it('scores a burst high and the calm before it low, using only the past', () => {
    const values = [...series(100, (i) => 10 + (i % 3)), 120, 11, 10]
    const d = new SpikeDetector({ counts: true })
    const scores = values.map((v) => d.push(v).score)
    expect(Math.max(...scores.slice(0, 100))).toBeLessThan(0.3)
    expect(scores[100]).toBeGreaterThan(0.8)
    // causal: the scores up to a point don't change when later points are added
    const again = new SpikeDetector({ counts: true })
    expect(values.slice(0, 101).map((v) => again.push(v).score)).toEqual(scores.slice(0, 101))
  })

  it('treats low counts as Poisson noise, and a rise that happens every day as no spike', () => {
    const low = new SpikeDetector({ counts: true })
    const lowScores = [...series(60, (i) => (i % 5 === 0 ? 1 : 0)), 3].map((v) => low.push(v).score)
    expect(lowScores.at(-1)).toBeLessThan(0.5)
    const day = 48
    const daily = (i: number) => (i % day >= 18 && i % day < 22 ? 100 : 10)
    const seasonal = new SpikeDetector({ counts: true, pointsPerDay: day, window: 24 })
    const scores = series(day * 5, daily).map((v) => seasonal.push(v).score)
    expect(scores[day * 4 + 18]).toBeLessThan(0.5) // the fifth morning rise is expected
    const plain = new SpikeDetector({ counts: true, window: 24 })
    expect(series(day * 5, daily).map((v) => plain.push(v).score)[day * 4 + 18]).toBeGreaterThan(0.5)
  })

  it('gives 0 for the first points and for non-finite values', () => {
    const d = new SpikeDetector()
    expect(d.push(5).score).toBe(0)
    expect(d.push(Number.NaN).score).toBe(0)
  })
})

describe('RobustWindow', () => {
  it('keeps the median and MAD of the last N values as they come and go', () => {
    const w = new RobustWindow(5)
    for (const v of [100, 1, 2, 3, 4, 5]) w.push(v) // 100 has left the window
    expect(w.size).toBe(5)
    expect(w.median()).toBe(3)
    expect(w.scale()).toBeCloseTo(1.4826) // |1..5 - 3| = 2,1,0,1,2: median 1
    w.push(4)
    expect(w.median()).toBe(4) // 2,3,4,4,5
  })
})

describe('SeriesDetector (detect, NAB)', () => {
  const noisy = (i: number) => 50 + ((i * 7919) % 11) - 5 // deterministic noise of +-5

  it('scores a burst high after calm noise, once per event, using only the past', () => {
    const values = Array.from({ length: 400 }, (_, i) => (i >= 300 && i < 320 ? 400 : noisy(i)))
    const d = new SeriesDetector()
    const scores = values.map((v) => d.push(v).score)
    expect(Math.max(...scores.slice(0, 300))).toBeLessThan(0.999)
    expect(scores[300]).toBeGreaterThan(0.999)
    // the rest of the burst, and its end, are the same event: no second detection
    expect(scores.slice(301).filter((s) => s > 0.999)).toEqual([])
    const again = new SeriesDetector()
    expect(values.slice(0, 301).map((v) => again.push(v).score)).toEqual(scores.slice(0, 301))
  })

  it('notices a daily rise that fails to come, which the level alone would not', () => {
    const day = 48
    const daily = (i: number) => (i % day >= 18 && i % day < 30 ? 100 : 10) + (i % 3)
    const missing = (i: number) => (i >= day * 6 + 18 && i < day * 6 + 30 ? 10 + (i % 3) : daily(i))
    const seasonal = new SeriesDetector({ pointsPerDay: day })
    const scores = Array.from({ length: day * 7 }, (_, i) => seasonal.push(missing(i)).score)
    expect(Math.max(...scores.slice(day * 6 + 18, day * 6 + 30))).toBeGreaterThan(0.999)
    expect(Math.max(...scores.slice(day * 2, day * 6))).toBeLessThan(0.999) // the regular rises are no anomaly
  })

  it('takes a weekly rhythm for normal once it has seen a week, and still sees a burst in it', () => {
    const day = 24
    // busy working days, quiet weekends, a little noise
    const weekly = (i: number) => (Math.floor(i / day) % 7 >= 5 ? 20 : 100) + ((i * 7919) % 5)
    const burst = day * 7 * 3 + day * 2 + 12 // a Wednesday noon of the fourth week, three hours long
    const d = new SeriesDetector({ pointsPerDay: day })
    const scores = Array.from(
      { length: day * 7 * 4 },
      (_, i) => d.push(i >= burst && i < burst + 3 ? 400 : weekly(i)).score
    )
    const third = scores.slice(day * 7 * 2, day * 7 * 3) // the third week: both weekend edges seen before
    expect(Math.max(...third)).toBeLessThan(0.999)
    expect(Math.max(...scores.slice(burst, burst + 3))).toBeGreaterThan(0.999)
  })

  it('scores a series that mostly sits on one value by the spread it does have', () => {
    // a metric at its floor 0.066, stepping to 0.134 every few points (the MAD is 0), then a real burst
    const value = (i: number) => (i === 900 ? 1.5 : i % 5 === 0 ? 0.134 : 0.066)
    const d = new SeriesDetector()
    const scores = Array.from({ length: 1000 }, (_, i) => d.push(value(i)).score)
    expect(Math.max(...scores.slice(100, 900))).toBeLessThan(0.999)
    expect(scores[900]).toBeGreaterThan(0.999)
  })

  it('asks a series that keeps firing for rarer evidence, but not a clear burst', () => {
    const noise = (i: number) => 50 + ((i * 7919) % 11) - 5 + ((i * 104729) % 7) - 3
    // a three-point burst every 1,100 points: just past the likelihood's memory each time
    const detections = (size: number, options: Partial<SeriesDetectorOptions>) => {
      const d = new SeriesDetector(options)
      const values = Array.from({ length: 12_000 }, (_, i) => (i % 1100 >= 1000 && i % 1100 < 1003 ? size : noise(i)))
      return values.filter((v) => d.push(v).score > 0.999).length
    }
    const forgetful = { alarmMemory: 1 }
    expect(detections(60, forgetful)).toBe(10) // a marginal burst: each one is news to a forgetful detector
    expect(detections(60, {})).toBeLessThan(10)
    expect(detections(60, {})).toBeGreaterThanOrEqual(1)
    expect(detections(100, {})).toBe(10) // a clear one still is, every time
  })

  it('takes a value beyond the whole range seen so far as news, even on a spiky series', () => {
    // a spike to 100 every 50 points is this series' normal; 115 has never been seen
    const spiky = (i: number) => (i % 50 === 0 ? 100 : noisy(i) / 10)
    const scoresWith = (options: Partial<SeriesDetectorOptions>) => {
      const d = new SeriesDetector(options)
      return Array.from({ length: 800 }, (_, i) => d.push(i === 725 ? 115 : spiky(i)).score)
    }
    const scores = scoresWith({})
    expect(scores[725]).toBe(1)
    expect(Math.max(...scores.slice(300, 725))).toBeLessThan(0.999) // the usual spikes are no news
    expect(scoresWith({ recordTolerance: 0 })[725]).toBeLessThan(0.999) // the likelihood alone misses it
  })

  it('sees a series start to spike five times as often, which no single point shows', () => {
    // a spike to 120 every 40 points is this series' normal; from point 3,000, one every 8
    const value = (i: number) => (i % (i < 3000 ? 40 : 8) === 0 ? 120 : noisy(i))
    const detectionsWith = (options: Partial<SeriesDetectorOptions>) => {
      const d = new SeriesDetector(options)
      return Array.from({ length: 3400 }, (_, i) => d.push(value(i)).score).flatMap((s, i) =>
        s > 0.999 && i > 1000 ? [i] : []
      )
    }
    const [first] = detectionsWith({})
    expect(first).toBeGreaterThanOrEqual(3000)
    expect(first).toBeLessThan(3100) // within a few sums of 8 points
    expect(detectionsWith({ block: 0 })).toEqual([]) // each spike alone is like the ones before
  })

  it('gives 0 for the first points and for non-finite values, and does not learn them', () => {
    const d = new SeriesDetector()
    expect(d.push(5)).toEqual({ score: 0, baseline: 0, z: 0 })
    expect(d.push(Number.NaN).score).toBe(0)
    expect(d.push(Number.POSITIVE_INFINITY).score).toBe(0)
    expect(d.push(5).baseline).toBe(5)
  })
})

describe('readSeries', () => {
  it('reads timestamp,value with or without a header, gaps and duplicates included, and warns on unsorted rows', () => {
    const r = readSeries(
      'timestamp,value\n2014-04-01 00:00:00,1\n2014-04-01 00:10:00,2\n2014-04-01 00:10:00,3\n2014-04-01 00:05:00,4\n'
    )
    expect(r).toMatchObject({
      ok: true,
      warnings: ['line 5: 2014-04-01 00:05:00 is earlier than the line before it; scored in file order']
    })
    if (r.ok) expect(r.rows.map((x) => x.value)).toEqual([1, 2, 3, 4])
  })

  it('names the line of a non-numeric value, a bad timestamp or a malformed row', () => {
    expect(readSeries('2014-04-01T00:00:00Z,1\n2014-04-01T00:01:00Z,abc')).toEqual({
      ok: false,
      error: 'line 2: value "abc" is not a number'
    })
    expect(readSeries('2014-04-01T00:00:00Z,1\nyesterday,2')).toEqual({
      ok: false,
      error: 'line 2: "yesterday" is not a timestamp (ISO 8601 such as 2024-04-17 09:00:00, or Unix seconds)'
    })
    expect(readSeries('yesterday,2\n2014-04-01T00:00:00Z,1')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^line 1: "yesterday" is not a timestamp/)
    }) // not taken for a header
    expect(readSeries('2014-04-01T00:00:00Z,1\n2014-04-01T00:01:00Z')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^line 2: expected "timestamp,value"/)
    })
    expect(readSeries('timestamp,value\n"2014-04-01,1\n')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Quote Not Closed.*line 2/)
    })
  })

  it('takes no loose words or small numbers for dates, and no day past the end of its month', () => {
    // Date.parse alone reads "1" as 2001 and "May 5" as a date in 2001, and rolls Feb 30 into March
    for (const stamp of ['May 5', '2014-02-30', '2014-04-01 25:00', 'x1'])
      expect(readSeries(`timestamp,value\n${stamp},1`)).toMatchObject({
        ok: false,
        error: expect.stringContaining(`"${stamp}" is not a timestamp`)
      })
    const r = readSeries('time,count\n1396310400,1\n1396310460000,2\n2014-04-01T02:02+0200,3\n2014-04-01,4')
    expect(r).toMatchObject({ ok: true })
    if (r.ok)
      expect(r.rows.map((x) => new Date(x.t).toISOString())).toEqual([
        '2014-04-01T00:00:00.000Z',
        '2014-04-01T00:01:00.000Z',
        '2014-04-01T00:02:00.000Z',
        '2014-04-01T00:00:00.000Z'
      ])
  })

  it('reads spreadsheet CSV: quoted cells, a byte-order mark, CRLF, and named columns in any order', () => {
    const r = readSeries('\ufeffValue,label,Timestamp\r\n"1,5",x,"2014-04-01 00:00:00"\r\n2,y,2014-04-01 00:01:00\r\n')
    expect(r).toMatchObject({ ok: false, error: 'line 2: value "1,5" is not a number' })
    const ok = readSeries('\ufeffValue,label,Timestamp\r\n"1.5",x,"2014-04-01 00:00:00"\r\n2,y,2014-04-01 00:01:00\r\n')
    expect(ok).toEqual({
      ok: true,
      warnings: [],
      rows: [
        { raw: '2014-04-01 00:00:00', t: Date.UTC(2014, 3, 1), value: 1.5 },
        { raw: '2014-04-01 00:01:00', t: Date.UTC(2014, 3, 1, 0, 1), value: 2 }
      ]
    })
  })
})

describe('classificationScores', () => {
  it('scores macro-F1 over the classes the gold labels use', () => {
    expect(classificationScores(['positive', 'negative', 'negative'], ['positive', 'negative', 'neutral'])).toEqual({
      accuracy: 0.667,
      macroF1: 0.833
    })
  })
})
