// The default templates shipped in resources/templates: valid, complete, and within every
// channel's rules when filled with realistic facts, in every language they carry.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkChannel, OUTBOUND_CHANNELS } from '../../shared/channel-rules'
import { validateFacts, type FactType, type FactValue } from '../../shared/statement-facts'
import { renderVariants, TemplateSchema } from '../../shared/statement-templates'

const DIR = path.resolve(import.meta.dirname, '../../resources/templates')
const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.json'))

/** Realistic facts, on the long side, so a template that only just fits is caught. */
const EXAMPLE: Record<FactType, FactValue> = {
  text: 'Amsterdam, Copenhagen and Stockholm',
  reference: 'LOT 2010-0415',
  datetime: { at: '2010-04-17T16:00:00Z', timeZone: 'Europe/Amsterdam' },
  url: 'https://www.example-airline.com/service/rebook-or-refund',
  phone: '+31 20 474 7747',
  count: 12_500
}

describe('default holding-statement templates', () => {
  it('cover the scenarios a crisis team starts from', () => {
    expect(files.map((f) => f.replace('.json', '')).sort()).toEqual([
      'airspace-closure',
      'data-breach',
      'it-outage',
      'product-recall',
      'safety-incident',
      'strike'
    ])
  })

  for (const file of files) {
    describe(file, () => {
      const template = TemplateSchema.parse(JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')))
      const facts = Object.fromEntries(template.facts.map((f) => [f.name, EXAMPLE[f.type]]))

      it('is valid, with facts of known types and no unknown placeholder', () => {
        expect(validateFacts(template.facts, facts).ok).toBe(true)
      })

      it('uses every fact it asks for, and always says when the next update comes', () => {
        for (const texts of Object.values(template.texts)) {
          const all = Object.values(texts).join(' ')
          for (const f of template.facts) expect(all, f.name).toContain(`{{${f.name}}}`)
          for (const variant of [texts.short, texts.long, texts.voice]) expect(variant).toContain('{{nextUpdate}}')
        }
      })

      for (const lang of Object.keys(template.texts)) {
        it(`renders within every channel's rules in "${lang}"`, () => {
          for (const v of renderVariants(template, facts, lang, OUTBOUND_CHANNELS)) {
            const check = checkChannel(v.channel, v.text, v.subject)
            expect(check.problems, `${v.channel}: ${v.text}`).toEqual([])
          }
        })
      }
    })
  }

  it('refuses a template with a placeholder it does not define, naming where', () => {
    const bad = TemplateSchema.safeParse({
      id: 'x1',
      name: 'x',
      version: 1,
      facts: [{ name: 'a', type: 'text', label: 'A' }],
      texts: { en: { short: '{{a}} {{gate}}', long: '{{a}}', subject: 's', voice: 'v' } }
    })
    expect(bad.success).toBe(false)
    expect(bad.error?.issues[0]).toMatchObject({
      path: ['texts', 'en', 'short'],
      message: 'unknown placeholder {{gate}}'
    })
  })
})
