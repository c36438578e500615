import { describe, expect, it } from 'vitest'
import { classifyIntent } from '../../electron/core/analyze/intent'

describe('intent and urgency', () => {
  it('questions, with or without the question mark, in several languages', () => {
    for (const t of [
      'Can I rebook for free?',
      'Wanneer vertrekt de volgende vlucht naar Oslo',
      'Hur får jag tillbaka pengarna',
      'Milloin seuraava lento lähtee',
      'Czy lot do Warszawy jest odwołany',
      'Wo bekomme ich ein Hotel',
      'האם יש טיסות מחר?'
    ]) {
      expect(classifyIntent(t, 0).intent, t).toBe('question')
    }
    expect(classifyIntent("Can't believe this, what a mess!", -0.6).intent).toBe('complaint')
    expect(classifyIntent('What a mess!', -0.5).intent).toBe('complaint')
  })

  it('complaint, praise or information by sentiment otherwise', () => {
    expect(classifyIntent('Stranded at AMS, flight cancelled', -0.5).intent).toBe('complaint')
    expect(classifyIntent('Thanks for the hotel voucher, great crew', 0.6).intent).toBe('praise')
    expect(classifyIntent('Airspace over Norway closed until 18:00', 0).intent).toBe('information')
  })

  it('urgent cues: medical, minors, overnight, safety, across languages', () => {
    expect(
      classifyIntent('Stuck at CPH with two kids overnight, my insulin is in the checked bag', -0.5).urgent
    ).toEqual(['medical', 'minors', 'overnight'])
    expect(classifyIntent('Vast op Schiphol met de kinderen, vannacht geen hotel', -0.5).urgent).toEqual([
      'minors',
      'overnight'
    ])
    expect(classifyIntent('Tungt att vara gravid och sitta fast', -0.3).urgent).toEqual(['medical'])
    expect(classifyIntent('Es ist gefährlich hier, es gibt Gewalt am Schalter', -0.7).urgent).toEqual(['safety'])
    expect(classifyIntent('Nice weather in Oslo', 0.3).urgent).toEqual([])
  })

  it('flags personal data in public', () => {
    expect(classifyIntent('My booking K7XQ2P, call me on +31 6 1234 5678', -0.2).personal).toEqual([
      'phone',
      'booking code'
    ])
  })

  it('defined results for empty, emoji-only, huge and mixed-script text', () => {
    expect(classifyIntent('', 0)).toEqual({ intent: 'information', urgent: [], personal: [] })
    expect(classifyIntent('🔥🔥🔥', 0).intent).toBe('information')
    expect(classifyIntent('x'.repeat(10_000), 0).intent).toBe('information')
    expect(classifyIntent('\u200fהטיסה בוטלה flight cancelled', -0.4).intent).toBe('complaint')
  })
})
