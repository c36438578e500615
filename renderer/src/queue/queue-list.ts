// The queue list as pure updates: an item pushed by another console replaces its old
// version, leaves the list when it no longer matches the filter, and the list stays in
// priority order. Versions guard against an older answer overwriting a newer push.
import type { QueueItem } from '../../../shared/team'

export interface QueueFilter {
  status: 'active' | 'all' | QueueItem['status']
  channel: string
  lang: string
  /** '' for any; else only mentions the analyzers read as this */
  sentiment: '' | 'negative' | 'neutral' | 'positive'
  mine: boolean
  /** assigned to me, or to (escalated to) a role I hold */
  forMe: boolean
  /** a phrase in the text or the handle; '' for any */
  q: string
}

export const defaultFilter: QueueFilter = {
  status: 'active',
  channel: '',
  lang: '',
  sentiment: '',
  mine: false,
  forMe: false,
  q: ''
}

/** The signed-in member, as the filters need them. */
export type QueueMe = { name: string; roles: readonly string[] } | null

/** Assigned to this member, or to (escalated to) a role they hold. */
export const isForMe = (item: QueueItem, me: QueueMe): boolean =>
  me !== null &&
  (item.assignee.user?.name === me.name || (item.assignee.role !== null && me.roles.includes(item.assignee.role)))

export function matches(item: QueueItem, f: QueueFilter, me: QueueMe): boolean {
  if (
    f.status === 'active'
      ? !['open', 'escalated'].includes(item.status)
      : f.status !== 'all' && item.status !== f.status
  )
    return false
  if (f.channel && item.mention.channel !== f.channel) return false
  if (f.lang && (item.analysis?.lang ?? item.mention.lang) !== f.lang) return false
  if (f.sentiment && item.analysis?.label !== f.sentiment) return false
  if (f.mine && item.claimedBy?.name !== me?.name) return false
  if (f.forMe && !isForMe(item, me)) return false
  // the phrase (f.q) is not checked again: a mention's words never change, and the list
  // holds only the start of each text, so the engine alone can tell
  return true
}

export function upsert(items: readonly QueueItem[], item: QueueItem, f: QueueFilter, me: QueueMe): QueueItem[] {
  const old = items.find((i) => i.seq === item.seq)
  if (old && old.version > item.version) return items as QueueItem[]
  const rest = items.filter((i) => i.seq !== item.seq)
  if (!matches(item, f, me)) return rest
  if (!old) return rest // not on this page: the next reload brings it in at its rank
  return [...rest, item].sort((a, b) => b.priority.score - a.priority.score)
}

/** Query parameters for the queue request. */
export function filterParams(f: QueueFilter) {
  return {
    status: f.status,
    ...(f.channel ? { channel: f.channel } : {}),
    ...(f.lang ? { lang: f.lang } : {}),
    ...(f.sentiment ? { sentiment: f.sentiment } : {}),
    ...(f.mine ? { mine: 'true' as const } : {}),
    ...(f.forMe ? { forMe: 'true' as const } : {}),
    ...(f.q.trim() ? { q: f.q.trim() } : {}),
    limit: 100
  }
}
