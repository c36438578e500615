import { describe, expect, it } from 'vitest'
import { echoKeyOf, isRetweet } from '../../electron/core/analyze/echoes'

describe('echoes', () => {
  const original = 'KLM cancels all flights from Schiphol until 18:00, rebook at klm.com'
  it('a retweet, and copies with other links, handles or punctuation, share the original key', () => {
    const key = echoKeyOf(original)
    expect(key).not.toBeNull()
    expect(echoKeyOf(`RT @KLM: ${original}`)).toBe(key)
    expect(echoKeyOf(`@anna ${original}!!! https://t.co/abc`)).toBe(key)
    expect(echoKeyOf(original.toUpperCase())).toBe(key)
    expect(isRetweet(`RT @KLM: ${original}`)).toBe(true)
  })
  it('other words are another voice; short texts are never called copies', () => {
    expect(echoKeyOf('KLM cancels all flights from Schiphol until 20:00, rebook at klm.com')).not.toBe(
      echoKeyOf(original)
    )
    expect(echoKeyOf('Thanks!')).toBeNull()
    expect(echoKeyOf('')).toBeNull()
    expect(echoKeyOf('🔥🔥🔥 https://x.example')).toBeNull()
  })
  it('reads words in any script, letters beyond the Basic Multilingual Plane included', () => {
    expect(echoKeyOf('𝐊𝐋𝐌 cancels all flights')).toBe(echoKeyOf('KLM cancels all flights')) // the same letters after NFKC
    const cjk = echoKeyOf('𠀀𠀁 𠀂 𠀃 𠀄') // CJK Extension B: one UTF-16 pair per letter
    expect(cjk).not.toBeNull()
    expect(echoKeyOf('𠀀𠀁 𠀂 𠀃 𠀅')).not.toBe(cjk)
    expect(echoKeyOf('𠀀𠀁, 𠀂! 𠀃 𠀄?')).toBe(cjk)
    expect(echoKeyOf('a\ud800 b c')).toBeNull() // a lone surrogate is no letter: three words
  })
})
