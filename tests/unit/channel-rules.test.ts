import { describe, expect, it } from 'vitest'
import { checkChannel, forSms, graphemes, smsParts } from '../../shared/channel-rules'

describe('X / Twitter (weighted by twitter-text)', () => {
  it('takes 280 and refuses 281', () => {
    expect(checkChannel('x', 'a'.repeat(280))).toMatchObject({ ok: true, length: 280, limit: 280 })
    expect(checkChannel('x', 'a'.repeat(281)).problems).toEqual([
      { code: 'too_long', message: '281 weighted characters, over the limit of 280 by 1' }
    ])
  })
  it('counts every URL as 23, however long', () => {
    expect(checkChannel('x', `Rebook: https://example.com/${'x'.repeat(200)}`).length).toBe('Rebook: '.length + 23)
  })
  it('counts CJK and emoji double', () => {
    expect(checkChannel('x', '日本語').length).toBe(6)
    expect(checkChannel('x', '😀'.repeat(140)).ok).toBe(true)
    expect(checkChannel('x', '😀'.repeat(141)).ok).toBe(false)
  })
  it('counts Hebrew once per letter', () => {
    expect(checkChannel('x', 'הטיסה בוטלה').length).toBe(11)
  })
})

describe('SMS (GSM-7 or UCS-2, in parts)', () => {
  it('sends 160 GSM characters in one part and 161 in two (153 + 8)', () => {
    expect(smsParts('a'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 })
    expect(smsParts('a'.repeat(161))).toEqual({ encoding: 'GSM-7', units: 161, segments: 2 })
    expect(smsParts('a'.repeat(306)).segments).toBe(2)
    expect(smsParts('a'.repeat(307)).segments).toBe(3)
  })
  it('counts extension characters (€ [ ] { } ~ ^ | \\) as two septets', () => {
    expect(smsParts('€'.repeat(80))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 })
    expect(smsParts('€'.repeat(81)).segments).toBe(2)
    expect(smsParts('[]{}~^|\\').units).toBe(16)
  })
  it('never splits an escaped character across parts', () => {
    // 152 + 2 septets: the € does not fit in the first part's last septet
    expect(smsParts(`${'a'.repeat(152)}€${'b'.repeat(8)}`)).toEqual({ encoding: 'GSM-7', units: 162, segments: 2 })
    expect(smsParts(`${'a'.repeat(152)}€${'b'.repeat(152)}`).segments).toBe(3)
  })
  it('switches the whole message to UCS-2 for one character GSM-7 lacks', () => {
    expect(smsParts('Lot odwołany').encoding).toBe('UCS-2') // ł
    expect(smsParts('garçon').encoding).toBe('UCS-2') // lowercase ç is not in GSM-7 (Ç is)
    expect(smsParts('GARÇON, é è ù ì ò à ä ö ñ ü ß Ø å Æ').encoding).toBe('GSM-7')
    expect(smsParts('a'.repeat(70) + 'ł').segments).toBe(2)
    expect(smsParts('ł'.repeat(70))).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 })
  })
  it('sends Hebrew and emoji in UCS-2, counting an emoji as two units, never split', () => {
    expect(smsParts('הטיסה בוטלה')).toEqual({ encoding: 'UCS-2', units: 11, segments: 1 })
    expect(smsParts('😀'.repeat(35))).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 })
    expect(smsParts(`${'א'.repeat(68)}😀`)).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 })
    // 134 units would fill two parts exactly, but the pair at 67/68 moves whole: three parts
    expect(smsParts(`${'א'.repeat(66)}😀${'א'.repeat(66)}`)).toEqual({ encoding: 'UCS-2', units: 134, segments: 3 })
  })
  it("keeps Intl's no-break spaces and curly quotes from forcing UCS-2", () => {
    const swedish = new Intl.NumberFormat('sv').format(12500) // '12 500' with a no-break space
    expect(smsParts(`${swedish} flyg är inställda`).encoding).toBe('UCS-2')
    expect(smsParts(forSms(`${swedish} flyg är inställda, “kom inte” – vi’s`))).toMatchObject({ encoding: 'GSM-7' })
  })

  it('refuses more than three parts, saying how many and in which encoding', () => {
    expect(checkChannel('sms', 'a'.repeat(459))).toMatchObject({ ok: true, sms: { encoding: 'GSM-7', segments: 3 } })
    expect(checkChannel('sms', 'ł'.repeat(202)).problems).toEqual([
      { code: 'too_many_segments', message: '4 SMS parts in UCS-2; at most 3' }
    ])
  })
})

describe('the other channels', () => {
  it('Bluesky counts graphemes: a family emoji is one', () => {
    expect(graphemes('👨‍👩‍👧')).toBe(1)
    expect(checkChannel('bluesky', '👨‍👩‍👧'.repeat(300)).ok).toBe(true)
    expect(checkChannel('bluesky', 'a'.repeat(301)).ok).toBe(false)
  })
  it('Mastodon takes 500, links counting 23', () => {
    expect(checkChannel('mastodon', `${'a'.repeat(476)} https://example.com/${'x'.repeat(300)}`)).toMatchObject({
      ok: true,
      length: 500
    })
    expect(checkChannel('mastodon', `${'a'.repeat(477)} https://example.com/`).ok).toBe(false)
    expect(checkChannel('mastodon', 'a'.repeat(501)).ok).toBe(false)
  })
  it('Instagram 2,200, LinkedIn 3,000 and Facebook 63,206 characters', () => {
    expect(checkChannel('instagram', 'a'.repeat(2201)).problems[0].code).toBe('too_long')
    expect(checkChannel('linkedin', 'a'.repeat(3000)).ok).toBe(true)
    expect(checkChannel('facebook', 'a'.repeat(63_207)).ok).toBe(false)
  })
  it('a voice script carries no link and no emoji', () => {
    const r = checkChannel('voice', 'Go to https://example.com for rebooking 🙏')
    expect(r.problems.map((p) => p.code)).toEqual(['url_not_allowed', 'emoji_not_allowed'])
    expect(checkChannel('voice', 'Please call us back after six this evening.')).toMatchObject({
      ok: true,
      length: 8,
      unit: 'words'
    })
    // and says so again on a second call (no state kept between checks)
    expect(checkChannel('voice', 'see https://example.com').ok).toBe(false)
  })
  it('an email needs a subject of at most 78 characters', () => {
    expect(checkChannel('email', 'Body').problems.map((p) => p.code)).toEqual(['subject_missing'])
    expect(checkChannel('email', 'Body', 's'.repeat(79)).problems.map((p) => p.code)).toEqual(['subject_too_long'])
    expect(checkChannel('email', 'Body', 'Flights resume Monday').ok).toBe(true)
  })
  it('no channel takes an empty text', () => {
    for (const c of ['x', 'sms', 'statuspage', 'voice'] as const)
      expect(checkChannel(c, '  ').problems[0].code).toBe('empty')
  })
})
