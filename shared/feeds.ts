// RSS/Atom feeds as sources: Google Alerts, news and blog feeds, polled by the engine with
// conditional GET; each item becomes a mention through the same validated ingest path.
import { z } from 'zod'

export const FEED_CHANNELS = ['news', 'blog', 'forum', 'other'] as const

export interface FeedInfo {
  id: number
  url: string
  channel: (typeof FEED_CHANNELS)[number]
  intervalSeconds: number
  addedBy: string
  addedAt: string
  lastPolledAt: string | null
  /** e.g. "200: 12 items", "304: not modified" */
  lastStatus: string | null
  lastError: string | null
  itemsSeen: number
}

const id = z.coerce.number().int().positive()

export const FeedParams = {
  add: z
    .object({
      url: z
        .string()
        .trim()
        .max(2048)
        .url()
        .refine((u) => /^https?:\/\//i.test(u), 'http:// or https:// only'),
      channel: z.enum(FEED_CHANNELS).default('news'),
      intervalSeconds: z.number().int().min(60).max(86_400).default(300)
    })
    .strict(),
  feed: z.object({ id }).strict()
}
