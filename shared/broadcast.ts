// Broadcasting an approved statement to every channel, and the delivery ledger that says
// truthfully what each channel received (broadcast issue). Types and parameter schemas.
import { z } from 'zod'
import { OUTBOUND_CHANNELS, type OutboundChannel } from './channel-rules'
import type { Role } from './team'

/** Who may broadcast, retry and cancel deliveries. */
export const BROADCAST_ROLES: readonly Role[] = ['lead', 'pr']

/**
 * queued -> sending -> accepted (the platform took it, with its id) -> confirmed (a
 * gateway or platform said it is out); or -> failed (the platform's own error text), or
 * cancelled by a person, or superseded by a newer statement before it went out.
 * accepted -> unconfirmed: no receipt came within the channel's window, after resends; we
 * don't know whether it reached anyone, and say so. A late receipt still confirms it.
 */
export const DELIVERY_STATES = [
  'queued',
  'sending',
  'accepted',
  'confirmed',
  'unconfirmed',
  'failed',
  'cancelled',
  'superseded'
] as const
export type DeliveryState = (typeof DELIVERY_STATES)[number]
export const FINAL_STATES: readonly DeliveryState[] = ['confirmed', 'unconfirmed', 'failed', 'cancelled', 'superseded']

/** Who reads an MQTT channel's topic on the embedded broker right now. */
export interface GatewayListeners {
  /** gateways connected and subscribed */
  online: number
  /** persistent sessions of gateways away now: the broker keeps their messages */
  offline: number
}

/**
 * Whether anything is behind a channel: 'listening' (a gateway is subscribed now),
 * 'offline' (only a gateway's persistent session: messages wait for it), 'none' (no
 * gateway listening: a message would go nowhere), 'unknown' (an external broker doesn't
 * tell us), 'direct' (not MQTT: the platform answers each send itself).
 */
export type GatewayPresence = 'listening' | 'offline' | 'none' | 'unknown' | 'direct'

export const ADAPTER_KINDS = [
  'mqtt',
  'statuspage',
  'webhook',
  'slack',
  'teams',
  'smtp',
  'x',
  'mastodon',
  'facebook',
  'sms-http'
] as const
export type AdapterKind = (typeof ADAPTER_KINDS)[number]

/** A configured channel as the API shows it: never its credentials. */
export interface ChannelInfo {
  /** the name broadcasts select it by ("x", "sms", "slack-ops") */
  id: string
  adapter: AdapterKind
  /** which statement variant it carries */
  variant: OutboundChannel
  /** where it goes, for people: a topic, a host, a list size */
  target: string
  /** whether a gateway is there to receive it now (listChannels) */
  gateway?: GatewayPresence
}

export interface Delivery {
  id: number
  kind: 'statement' | 'reply'
  statementId: number | null
  revision: number | null
  mentionSeq: number | null
  channel: string
  adapter: AdapterKind
  lang: string
  state: DeliveryState
  attempts: number
  nextAttemptAt: string | null
  externalId: string | null
  error: string | null
  idempotencyKey: string
  createdAt: string
  updatedAt: string
  history: { at: string; state: DeliveryState; detail: string | null }[]
}

/** What each channel says now: the newest statement delivery per channel, for the wall's strip. */
export interface ChannelStatus {
  channel: string
  adapter: AdapterKind
  /** the newest delivery's state; null when nothing was ever sent */
  state: DeliveryState | null
  deliveryId: number | null
  statementId: number | null
  revision: number | null
  /** when the channel last confirmed a statement, and which */
  confirmedAt: string | null
  confirmedStatement: number | null
  /** the newest delivery's error (failed) or reason (unconfirmed), in words */
  error: string | null
  /** whether a gateway is there to receive, before anyone broadcasts */
  gateway: GatewayPresence
}

/** The incident's state as a public status page says it, the way people know from Statuspage. */
export const PUBLIC_STATES = ['investigating', 'identified', 'monitoring', 'resolved'] as const
export type PublicState = (typeof PUBLIC_STATES)[number]

/** One statement in one language as the public status page and feed show it. */
export interface PublicStatusEntry {
  /** the incident's state as the lead set it with this broadcast */
  state: PublicState
  /** the delivery that published it (stable: the feed's entry id) */
  id: number
  statementId: number
  revision: number
  lang: string
  title: string
  text: string
  publishedAt: string
}

const id = z.coerce.number().int().positive()
const channelId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'a channel name such as "x" or "slack-ops"')

export const BroadcastParams = {
  broadcast: z
    .object({
      id,
      channels: z
        .array(channelId)
        .min(1)
        .max(50)
        .refine((c) => new Set(c).size === c.length, 'each channel once'),
      /** when given, must be the approved revision: a stale click never sends older words */
      revision: z.number().int().min(1).optional(),
      /** the incident's state on the public status page; only the lead sets it (default: as last broadcast) */
      publicState: z.enum(PUBLIC_STATES).optional()
    })
    .strict(),
  deliveries: z
    .object({ statement: id.optional(), limit: z.coerce.number().int().min(1).max(1000).default(200) })
    .strict(),
  delivery: z.object({ id }).strict(),
  publicStatus: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }).strict(),
  incidentId: z.object({ incident: id }).strict()
}

/** The JSON an MQTT gateway receives on <prefix>/out/<channel> (DESIGN 4.2). */
export interface OutboundMessage {
  deliveryId: number
  idempotencyKey: string
  channel: string
  lang: string
  text: string
  subject?: string
  statementId: number | null
  revision: number | null
  /** replies only: the mention answered, so a gateway can thread it */
  inReplyTo?: { channel: string; id: string; author: string }
  direct?: boolean
}

/** A gateway's receipt on <prefix>/ack/<channel>. */
export const AckSchema = z
  .object({
    deliveryId: z.number().int().positive(),
    status: z.enum(['delivered', 'failed']),
    externalId: z.string().max(200).optional(),
    error: z.string().max(2000).optional()
  })
  .passthrough()

export const isOutboundChannel = (c: string): c is OutboundChannel =>
  (OUTBOUND_CHANNELS as readonly string[]).includes(c)

/** What a channel's gateway presence means, in words for the console and the wall; null when all is well. */
export function presenceInWords(p: GatewayPresence): string | null {
  switch (p) {
    case 'none':
      return 'no gateway listening'
    case 'offline':
      return 'gateway away: the broker holds messages for it'
    case 'unknown':
      return 'gateway unknown (external broker)'
    default:
      return null
  }
}

/** A channel's state on the strip, in words: a failure or a missing receipt says why. */
export function channelStateInWords(c: ChannelStatus): string {
  if (c.state === null) return presenceInWords(c.gateway) ?? 'nothing sent yet'
  if (c.state === 'failed') return `⚠ failed: ${c.error}`
  if (c.state === 'unconfirmed') return `⚠ unconfirmed: ${c.error}`
  if (c.state === 'accepted') return 'accepted, awaiting receipt'
  return c.state
}
