// Holding-statement templates: typed facts and, per language, four texts from which every
// channel's variant is rendered. Shipped defaults live in resources/templates/.
import { z } from 'zod'
import { forSms, type OutboundChannel } from './channel-rules'
import { FACT_TYPES, render, unknownPlaceholders, type FactSpec, type Facts } from './statement-facts'

/** Which of a template's texts each channel is rendered from. */
export const VARIANT_OF: Record<OutboundChannel, 'short' | 'long' | 'voice'> = {
  x: 'short',
  sms: 'short',
  mastodon: 'short',
  bluesky: 'short',
  facebook: 'long',
  instagram: 'long',
  linkedin: 'long',
  statuspage: 'long',
  email: 'long',
  voice: 'voice'
}

const languageTexts = z
  .object({
    short: z.string().min(1).max(2000),
    long: z.string().min(1).max(20_000),
    subject: z.string().min(1).max(500),
    voice: z.string().min(1).max(10_000)
  })
  .strict()

export const TemplateSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{2,64}$/),
    name: z.string().min(1).max(200),
    version: z.number().int().min(1),
    facts: z
      .array(
        z
          .object({
            name: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/),
            type: z.enum(FACT_TYPES),
            label: z.string().min(1).max(200)
          })
          .strict()
      )
      .min(1),
    texts: z.record(z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'a language tag such as "nl"'), languageTexts)
  })
  .strict()
  .superRefine((t, ctx) => {
    // a template naming a fact it doesn't define can't be rendered: refuse it when loaded
    for (const [lang, texts] of Object.entries(t.texts)) {
      for (const [field, text] of Object.entries(texts)) {
        for (const name of unknownPlaceholders(text, t.facts))
          ctx.addIssue({ code: 'custom', path: ['texts', lang, field], message: `unknown placeholder {{${name}}}` })
      }
    }
  })
export type StatementTemplate = z.infer<typeof TemplateSchema>

export interface RenderedVariant {
  channel: OutboundChannel
  lang: string
  text: string
  /** email only */
  subject?: string
}

/** Every channel's variant in `lang`, all from the same facts. */
export function renderVariants(
  t: StatementTemplate,
  facts: Facts,
  lang: string,
  channels: readonly OutboundChannel[]
): RenderedVariant[] {
  const texts = t.texts[lang]
  if (!texts) throw new Error(`template ${t.id} has no text in "${lang}" (it has ${Object.keys(t.texts).join(', ')})`)
  const specs: FactSpec[] = t.facts
  return channels.map((channel) => {
    const text = render(texts[VARIANT_OF[channel]], specs, facts, lang)
    return {
      channel,
      lang,
      text: channel === 'sms' ? forSms(text) : text,
      ...(channel === 'email' ? { subject: render(texts.subject, specs, facts, lang) } : {})
    }
  })
}
