// Spike alerts as the engine stores them, publishes them on <prefix>/alerts and shows them on
// the wall. One alert per closed minute at most; its drivers say what rose.
import type { Channel } from './mention'

export type AlertSeverity = 'warning' | 'severe'

/** The series a detector watches: all mentions, one channel, one language, or the negative share. */
export type AlertSeries = 'total' | `channel:${string}` | `lang:${string}` | 'negative_share'

export interface AlertTrigger {
  series: AlertSeries
  /** the closed minute's value (a count, or a share in [0, 1]) */
  value: number
  /** what the detector expected */
  baseline: number
  /** 0..1 */
  score: number
}

export interface AlertDriver<K extends string> {
  key: K
  value: number
  baseline: number
}

export interface AlertDrivers {
  channels: AlertDriver<Channel>[]
  languages: AlertDriver<string>[]
  /** stemmed terms, hashtags or two-word phrases, with how often they came up in the minute against before */
  terms: AlertDriver<string>[]
}

export interface SpikeAlert {
  id: number
  incidentId: number | null
  /** where the rise began */
  startedAt: string
  /** the closed minute that raised the alert */
  minute: string
  createdAt: string
  severity: AlertSeverity
  score: number
  triggers: AlertTrigger[]
  drivers: AlertDrivers
  acknowledgedBy: string | null
  acknowledgedAt: string | null
}

/** One line for a banner, the timeline or an export: what rose, and by how much. */
export function describeAlert(a: Pick<SpikeAlert, 'severity' | 'triggers' | 'drivers'>): string {
  // all mentions say it best when they rose; else the series that did
  const top = a.triggers.find((t) => t.series === 'total') ?? a.triggers[0]
  const what = top
    ? `${seriesLabel(top.series)} ${fmt(top.value, top.series)} against ${fmt(top.baseline, top.series)} expected`
    : 'a spike'
  const drivers = [
    ...a.drivers.channels.slice(0, 2).map((d) => d.key),
    ...a.drivers.languages.slice(0, 2).map((d) => d.key),
    ...a.drivers.terms.slice(0, 3).map((d) => `"${d.key}"`)
  ]
  return `${a.severity === 'severe' ? 'Severe spike' : 'Spike'}: ${what}${drivers.length ? `; driven by ${drivers.join(', ')}` : ''}`
}

export function seriesLabel(s: AlertSeries): string {
  if (s === 'total') return 'mentions/min'
  if (s === 'negative_share') return 'negative share'
  const [kind, key] = s.split(':')
  return kind === 'channel' ? `${key} mentions/min` : `mentions/min in ${key}`
}

const fmt = (v: number, s: AlertSeries) => (s === 'negative_share' ? `${Math.round(v * 100)}%` : String(Math.round(v)))
