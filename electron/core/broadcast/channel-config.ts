// Which channels a broadcast can reach, and how: DATA/channels.json, readable by its owner
// only (it holds API keys and passwords; a group- or world-readable file is refused, as ssh
// refuses a readable key). Without the file every statement channel goes to MQTT
// gateways on <prefix>/out/<channel>, so a fresh install broadcasts with no set-up.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { ADAPTER_KINDS, type AdapterKind, type ChannelInfo } from '../../../shared/broadcast'
import { OUTBOUND_CHANNELS, type OutboundChannel } from '../../../shared/channel-rules'
import { describeIssues } from '../../../shared/mention'
import { readSecretFile } from '../secret-file'

export const CHANNELS_FILE = 'channels.json'

const url = z
  .string()
  .url()
  .refine((u) => /^https?:/i.test(u), 'an http(s) address')
/**
 * How long an MQTT gateway has to send its receipt before the delivery is sent again (with
 * the same deliveryId), and how often; after the last the delivery is 'unconfirmed'.
 */
export const DEFAULT_RECEIPT = { receiptSeconds: 120, resends: 4 }
const SETTINGS = {
  mqtt: z
    .object({
      receiptSeconds: z.number().int().min(1).max(86_400).default(DEFAULT_RECEIPT.receiptSeconds),
      resends: z.number().int().min(0).max(20).default(DEFAULT_RECEIPT.resends)
    })
    .strict(),
  statuspage: z.object({}).strict(),
  webhook: z.object({ url }).strict(),
  slack: z.object({ url }).strict(),
  teams: z.object({ url }).strict(),
  smtp: z
    .object({
      host: z.string().min(1),
      port: z.number().int().min(1).max(65535),
      secure: z.boolean().default(false),
      from: z.string().min(3),
      to: z.array(z.string().email()).min(1).max(10_000)
    })
    .strict(),
  x: z.object({ baseUrl: url.default('https://api.x.com') }).strict(),
  mastodon: z.object({ baseUrl: url }).strict(),
  facebook: z
    .object({ baseUrl: url.default('https://graph.facebook.com/v21.0'), pageId: z.string().regex(/^\d+$/) })
    .strict(),
  'sms-http': z
    .object({
      url,
      to: z
        .array(z.string().regex(/^\+[1-9]\d{6,14}$/))
        .min(1)
        .max(100_000)
    })
    .strict()
} satisfies Record<AdapterKind, z.ZodType>

const CREDENTIALS = {
  // the gateway signs in to the embedded broker with these (an external broker has its own)
  mqtt: z
    .object({
      username: z.string().min(1).max(100),
      password: z.string().min(16, 'a gateway password of at least 16 characters')
    })
    .strict()
    .partial(),
  statuspage: z.object({}).strict(),
  webhook: z.object({ secret: z.string().min(16, 'an HMAC secret of at least 16 characters') }).strict(),
  slack: z.object({}).strict(),
  teams: z.object({}).strict(),
  smtp: z.object({ user: z.string(), pass: z.string() }).strict().partial(),
  x: z.object({ bearerToken: z.string().min(1) }).strict(),
  mastodon: z.object({ accessToken: z.string().min(1) }).strict(),
  facebook: z.object({ pageAccessToken: z.string().min(1) }).strict(),
  'sms-http': z.object({ apiKey: z.string().min(1) }).strict()
} satisfies Record<AdapterKind, z.ZodType>

export type ChannelConfig = {
  id: string
  adapter: AdapterKind
  variant: OutboundChannel
  settings: Record<string, unknown>
  credentials: Record<string, string>
}

const Entry = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/),
    adapter: z.enum(ADAPTER_KINDS),
    variant: z.enum(OUTBOUND_CHANNELS),
    settings: z.record(z.string(), z.unknown()).default({}),
    credentials: z.record(z.string(), z.unknown()).default({})
  })
  .strict()
  .superRefine((c, ctx) => {
    const s = SETTINGS[c.adapter].safeParse(c.settings)
    if (!s.success) ctx.addIssue({ code: 'custom', path: ['settings'], message: describeIssues(s.error) })
    const k = CREDENTIALS[c.adapter].safeParse(c.credentials)
    if (!k.success) ctx.addIssue({ code: 'custom', path: ['credentials'], message: describeIssues(k.error) })
  })
  .transform((c) => ({
    ...c,
    settings: SETTINGS[c.adapter].parse(c.settings) as Record<string, unknown>,
    credentials: CREDENTIALS[c.adapter].parse(c.credentials) as Record<string, string>
  }))

const FileSchema = z
  .object({ channels: z.array(Entry).max(100) })
  .strict()
  .refine((f) => new Set(f.channels.map((c) => c.id)).size === f.channels.length, 'each channel id once')

export const defaultChannels = (): ChannelConfig[] =>
  OUTBOUND_CHANNELS.map((c) => ({
    id: c,
    adapter: c === 'statuspage' ? 'statuspage' : 'mqtt',
    variant: c,
    settings: c === 'statuspage' ? {} : { ...DEFAULT_RECEIPT },
    credentials: {}
  }))

/** An MQTT channel's receipt window and resends. */
export function receiptPolicy(c: ChannelConfig): { windowMs: number; resends: number } {
  const s = c.settings as Partial<typeof DEFAULT_RECEIPT>
  return {
    windowMs: (s.receiptSeconds ?? DEFAULT_RECEIPT.receiptSeconds) * 1000,
    resends: s.resends ?? DEFAULT_RECEIPT.resends
  }
}

export const GATEWAYS_FILE = 'gateways.json'

/**
 * Each MQTT channel's gateway sign-in for the embedded broker: from channels.json where
 * it gives one, otherwise made once and kept in DATA/gateways.json (owner-only), which the
 * team hands to the gateway's operator. A receipt without them is refused, so nobody on
 * the machine can mark a delivery confirmed.
 */
export function gatewayAccess(
  dataDir: string,
  channels: readonly ChannelConfig[]
): { channel: string; username: string; password: string }[] {
  const file = path.join(dataDir, GATEWAYS_FILE)
  let kept: Record<string, { username: string; password: string }> = {}
  if (fs.existsSync(file)) {
    const parsed = z
      .record(z.string(), z.object({ username: z.string().min(1), password: z.string().min(16) }))
      .safeParse(JSON.parse(fs.readFileSync(file, 'utf8')))
    if (!parsed.success) throw new Error(`${file}: ${describeIssues(parsed.error)}`)
    kept = parsed.data
  }
  let added = false
  const access = channels
    .filter((c) => c.adapter === 'mqtt')
    .map((c) => {
      const given = c.credentials as { username?: string; password?: string }
      if (given.username && given.password) return { channel: c.id, username: given.username, password: given.password }
      if (!kept[c.id]) {
        kept[c.id] = { username: `gateway-${c.id}`, password: crypto.randomBytes(18).toString('base64url') }
        added = true
      }
      return { channel: c.id, ...kept[c.id] }
    })
  if (added) {
    fs.writeFileSync(`${file}.partial`, `${JSON.stringify(kept, null, 2)}\n`, { mode: 0o600 })
    fs.renameSync(`${file}.partial`, file)
  }
  return access
}

/** Loads the channel file, or the MQTT defaults when there is none. Throws one clear line on a bad or readable file. */
export function loadChannels(dataDir: string): ChannelConfig[] {
  return (
    readSecretFile(path.join(dataDir, CHANNELS_FILE), 'channel credentials', FileSchema)?.channels ?? defaultChannels()
  )
}

/** What the API may show of a channel: never its credentials. */
export function channelInfo(c: ChannelConfig, topicFor: (channel: string) => string): ChannelInfo {
  const s = c.settings as {
    url?: string
    host?: string
    port?: number
    to?: string[]
    baseUrl?: string
    pageId?: string
  }
  const target =
    c.adapter === 'mqtt'
      ? topicFor(c.id)
      : c.adapter === 'statuspage'
        ? '/status'
        : c.adapter === 'smtp'
          ? `${s.host}:${s.port} → ${s.to?.length} recipients`
          : c.adapter === 'sms-http'
            ? `${new URL(s.url ?? '').host} → ${s.to?.length} numbers`
            : c.adapter === 'facebook'
              ? `page ${s.pageId}`
              : new URL(s.url ?? s.baseUrl ?? '').host
  return { id: c.id, adapter: c.adapter, variant: c.variant, target }
}
