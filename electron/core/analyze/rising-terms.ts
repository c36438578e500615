// Which terms rose: each text counts once per term (a spammer repeating a word is one voice),
// words are stemmed per language so inflected forms merge ("geannuleerd", "geannuleerde"),
// stop words are dropped, and hashtags and two-word phrases count as terms of their own.
// Words are segmented per language (Intl.Segmenter), so marks and scripts without spaces
// keep their words whole.
// A term is shown in its most frequent surface form, not as a stem.
import { stemmerFor, stopwordsOrAny } from './stemming'

const MAX_WORD = 40

export interface TermText {
  text: string
  lang: string | null
}

export interface RisingTerm {
  /** the most frequent surface form */
  term: string
  /** texts carrying it in the current window */
  count: number
  /** texts expected to carry it, from the baseline rate */
  baseline: number
}

/** The script a word is written in: a phrase never joins words of two scripts. */
const SCRIPTS: [string, RegExp][] = [
  ['latin', /\p{Script=Latin}/u],
  ['hebrew', /\p{Script=Hebrew}/u],
  ['arabic', /\p{Script=Arabic}/u],
  ['cyrillic', /\p{Script=Cyrillic}/u],
  ['greek', /\p{Script=Greek}/u],
  ['han', /\p{Script=Han}|\p{Script=Hiragana}|\p{Script=Katakana}|\p{Script=Hangul}/u]
]
const scriptOf = (w: string) => SCRIPTS.find(([, re]) => re.test(w))?.[0] ?? 'other'

// a word segmenter per language (Intl.Segmenter knows each language's word boundaries,
// marks such as Hebrew points included, and scripts written without spaces)
const segmenters = new Map<string, Intl.Segmenter>()
function segmenter(lang: string | null): Intl.Segmenter {
  const key = lang ?? ''
  let s = segmenters.get(key)
  if (!s) {
    let locale: string | undefined
    try {
      locale = lang ? Intl.getCanonicalLocales(lang)[0] : undefined
    } catch {
      locale = undefined
    }
    segmenters.set(key, (s = new Intl.Segmenter(locale, { granularity: 'word' })))
  }
  return s
}

/**
 * The distinct terms of one text: stem key -> surface form. A text not yet analyzed (or
 * whose language is unknown) loses the stop words of every language and keeps its words
 * unstemmed, rather than being read as English. Words come from the language's own word
 * segmentation; two words make a phrase only when nothing but spaces stands between them
 * and they are of one script, so "CDG:n kentältä" or "AB, bru" never join.
 */
export function termsOf(text: string, lang: string | null): Map<string, string> {
  const stem = lang ? stemmerFor(lang) : (w: string) => w
  const stop = stopwordsOrAny(lang)
  const out = new Map<string, string>()
  let prev: { key: string; surface: string; script: string } | null = null
  let gap = '' // what stood between the previous word and this one
  // links are addresses, not words people say
  const lower = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/https?:\/\/\S+/g, ' ')
  for (const seg of segmenter(lang).segment(lower)) {
    if (!seg.isWordLike) {
      gap += seg.segment
      continue
    }
    const w = seg.segment
    const hashtag = gap.endsWith('#') && seg.index > 0
    const between = gap
    gap = ''
    if (hashtag) {
      if (w.length >= 2 && w.length < MAX_WORD) out.set(`#${w}`, `#${w}`)
      prev = null
      continue
    }
    if (w.length < 2 || w.length > MAX_WORD || /^\d+$/.test(w) || /^https?$/.test(w) || stop.has(w)) {
      prev = null
      continue
    }
    const key = stem(w)
    const script = scriptOf(w)
    out.set(key, w)
    if (prev && prev.script === script && /^\s+$/.test(between)) out.set(`${prev.key} ${key}`, `${prev.surface} ${w}`)
    prev = { key, surface: w, script }
  }
  return out
}

function documentFrequencies(texts: readonly TermText[]): {
  df: Map<string, number>
  surfaces: Map<string, Map<string, number>>
} {
  const df = new Map<string, number>()
  const surfaces = new Map<string, Map<string, number>>()
  for (const t of texts) {
    for (const [key, surface] of termsOf(t.text, t.lang)) {
      df.set(key, (df.get(key) ?? 0) + 1)
      let s = surfaces.get(key)
      if (!s) surfaces.set(key, (s = new Map()))
      s.set(surface, (s.get(surface) ?? 0) + 1)
    }
  }
  return { df, surfaces }
}

/**
 * Terms whose share of texts in `current` stands out against their share in `baseline`
 * (texts from before). Shares, not counts: when volume triples, every common word triples
 * with it; what rose is what people now say more of. Ranked by how far above the expected
 * count they are, in Poisson deviations; a term needs `minCount` texts.
 */
export function risingTerms(
  current: readonly TermText[],
  baseline: readonly TermText[],
  opts: { limit?: number; minCount?: number } = {}
): RisingTerm[] {
  const limit = opts.limit ?? 5
  const minCount = opts.minCount ?? 3
  const cur = documentFrequencies(current)
  const base = documentFrequencies(baseline).df
  const perText = baseline.length ? current.length / baseline.length : 0
  const ranked: (RisingTerm & { key: string; z: number })[] = []
  for (const [key, count] of cur.df) {
    if (count < minCount) continue
    const expected = (base.get(key) ?? 0) * perText
    if (count < 2 * expected) continue
    const z = (count - expected) / Math.sqrt(expected + 1)
    const forms = [...(cur.surfaces.get(key) ?? new Map<string, number>())].sort((a, b) => b[1] - a[1])
    ranked.push({ key, term: forms[0]?.[0] ?? key, count, baseline: Math.round(expected * 10) / 10, z })
  }
  ranked.sort((a, b) => b.z - a.z || a.term.localeCompare(b.term))
  // a phrase and its own words say the same thing: keep the first (strongest) of them
  const kept: typeof ranked = []
  for (const r of ranked) {
    const overlaps = kept.some((k) => k.key.split(' ').some((p) => r.key.split(' ').includes(p)))
    if (!overlaps) kept.push(r)
    if (kept.length >= limit) break
  }
  return kept.map(({ term, count, baseline }) => ({ term, count, baseline }))
}
