// Per-incident tracking rules: a topic, a query (words, "phrases", AND, OR, NOT, parentheses)
// and optionally one language; each analyzed mention is tagged with the topics it matches.
import { z } from 'zod'
import type { Role } from './team'

export interface TrackingRule {
  id: number
  incidentId: number
  topic: string
  query: string
  lang: string | null
  createdBy: string
  createdAt: string
  /** mentions tagged with it so far */
  mentions: number
}

export const TRACKING_ROLES: readonly Role[] = ['lead', 'ops', 'pr', 'admin']

const id = z.coerce.number().int().positive()

export const TrackingParams = {
  list: z.object({ incident: id }).strict(),
  add: z
    .object({
      incident: id,
      topic: z.string().trim().min(1).max(80),
      query: z.string().trim().min(1).max(500),
      lang: z
        .string()
        .regex(/^[a-z]{2,3}$/, 'lang: a language code such as "nl"')
        .optional()
    })
    .strict(),
  remove: z.object({ id }).strict()
}
