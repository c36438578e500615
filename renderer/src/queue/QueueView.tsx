// The response queue: filters, the list in priority order, keyboard triage (j/k to move,
// c to claim, r to reply, e to escalate) and the detail pane.
import { useEffect, useRef, useState } from 'react'
import type { ConsoleApi, MethodName, ParamsOf } from '../../../shared/api'
import { CHANNELS } from '../../../shared/mention'
import { QUEUE_STATUSES, type QueueItem } from '../../../shared/team'
import { TestIds } from '../../../shared/test-ids'
import { defaultFilter, type QueueFilter } from './queue-list'
import { QueueDetailPane } from './QueueDetailPane'
import { useQueue } from './use-queue'
import { TRIAGE_ROLES } from '../../../shared/team'
import { useNow } from '../wall/use-now'

export interface Me {
  name: string
  roles: string[]
  /** 'local': the unnamed operator of a loopback console (may draft, never approve) */
  kind?: 'user' | 'local' | 'wall'
}

/** Runs a queue action and reports a refusal (e.g. "claimed by anna") where the user looks. */
export type Act = <M extends MethodName>(method: M, params: ParamsOf<M>) => Promise<boolean>

/** Words in the text or the handle; asked of the engine once typing pauses. */
function QueueSearch({ onSearch }: { onSearch: (q: string) => void }) {
  const [typed, setTyped] = useState('')
  // the latest callback, without restarting the pause on every render of a busy queue
  const search = useRef(onSearch)
  search.current = onSearch
  useEffect(() => {
    const t = setTimeout(() => search.current(typed.trim()), SEARCH_AFTER_MS)
    return () => clearTimeout(t)
  }, [typed])
  return (
    <input
      type="search"
      aria-label="search the queue"
      placeholder="search text or @handle"
      size={22}
      maxLength={200}
      data-testid={TestIds.queueFilter('q')}
      value={typed}
      onChange={(e) => setTyped(e.target.value)}
    />
  )
}
const SEARCH_AFTER_MS = 250

export function QueueView({ api, me }: { api: ConsoleApi; me: Me }) {
  const [filter, setFilter] = useState<QueueFilter>(defaultFilter)
  const { items, loadError } = useQueue(api, filter, me)
  const [selected, setSelected] = useState<number | null>(null)
  const [error, setError] = useState<string | null>(null)
  const replyRef = useRef<HTMLTextAreaElement>(null)
  const escalateRef = useRef<HTMLSelectElement>(null)
  const now = useNow(5000)

  const act: Act = async (method, params) => {
    const r = await api.call(method, params)
    setError(r.ok ? null : r.error.message)
    return r.ok
  }

  // keep a selection while there are items
  useEffect(() => {
    if (selected === null || !items.some((i) => i.seq === selected)) setSelected(items[0]?.seq ?? null)
  }, [items, selected])

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement
      if (e.ctrlKey || e.metaKey || e.altKey || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName)) return
      const at = items.findIndex((i) => i.seq === selected)
      if (e.key === 'j' || e.key === 'ArrowDown') setSelected(items[Math.min(items.length - 1, at + 1)]?.seq ?? null)
      else if (e.key === 'k' || e.key === 'ArrowUp') setSelected(items[Math.max(0, at - 1)]?.seq ?? null)
      else if (!me.roles.some((r) => (TRIAGE_ROLES as readonly string[]).includes(r)))
        return // a viewer only reads
      else if (e.key === 'c' && selected !== null) void act('claim', { seq: selected })
      else if (e.key === 'r') replyRef.current?.focus()
      else if (e.key === 'e') escalateRef.current?.focus()
      else return
      e.preventDefault()
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  })

  return (
    <div className="queue" data-testid={TestIds.queue}>
      <section className="tile queue__list" aria-label="Response queue">
        <div className="queue__filters">
          <select
            aria-label="status"
            data-testid={TestIds.queueFilter('status')}
            value={filter.status}
            onChange={(e) => setFilter({ ...filter, status: e.target.value as QueueFilter['status'] })}
          >
            <option value="active">needs a human</option>
            <option value="all">all</option>
            {QUEUE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s.replace('_', ' ')}
              </option>
            ))}
          </select>
          <select
            aria-label="channel"
            data-testid={TestIds.queueFilter('channel')}
            value={filter.channel}
            onChange={(e) => setFilter({ ...filter, channel: e.target.value })}
          >
            <option value="">every channel</option>
            {CHANNELS.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
          <input
            aria-label="language"
            placeholder="language (nl, sv...)"
            size={14}
            data-testid={TestIds.queueFilter('lang')}
            value={filter.lang}
            onChange={(e) => setFilter({ ...filter, lang: e.target.value.trim() })}
          />
          <select
            aria-label="sentiment"
            data-testid={TestIds.queueFilter('sentiment')}
            value={filter.sentiment}
            onChange={(e) => setFilter({ ...filter, sentiment: e.target.value as QueueFilter['sentiment'] })}
          >
            <option value="">any sentiment</option>
            <option value="negative">negative</option>
            <option value="neutral">neutral</option>
            <option value="positive">positive</option>
          </select>
          <label>
            <input
              type="checkbox"
              data-testid={TestIds.queueFilter('mine')}
              checked={filter.mine}
              onChange={(e) => setFilter({ ...filter, mine: e.target.checked })}
            />{' '}
            mine
          </label>
          <label title="assigned to you, or to (escalated to) a role you hold">
            <input
              type="checkbox"
              data-testid={TestIds.queueFilter('forMe')}
              checked={filter.forMe}
              onChange={(e) => setFilter({ ...filter, forMe: e.target.checked })}
            />{' '}
            for me
          </label>
          <QueueSearch onSearch={(q) => setFilter((f) => (f.q === q ? f : { ...f, q }))} />
          <span className="muted">j/k move · c claim · r reply · e escalate</span>
        </div>
        {(error ?? loadError) && (
          <p className="error" role="alert" data-testid={TestIds.queueError}>
            {error ?? loadError}
          </p>
        )}
        <ol className="queue__rows">
          {items.map((item) => (
            <QueueRow
              key={item.seq}
              item={item}
              me={me}
              now={now}
              selected={item.seq === selected}
              onSelect={() => setSelected(item.seq)}
            />
          ))}
          {items.length === 0 && <li className="muted">Nothing here: the queue is clear for this filter.</li>}
        </ol>
      </section>
      <QueueDetailPane
        api={api}
        seq={selected}
        me={me}
        act={act}
        replyRef={replyRef}
        escalateRef={escalateRef}
        onOpen={setSelected}
      />
    </div>
  )
}

function QueueRow({
  item,
  me,
  now,
  selected,
  onSelect
}: {
  item: QueueItem
  me: Me
  now: number
  selected: boolean
  onSelect: () => void
}) {
  const heldByOther = item.claimedBy !== null && item.claimedBy.name !== me.name
  const dueIn = Math.round((Date.parse(item.sla.dueAt) - now) / 60_000)
  return (
    <li
      className={`queue__row${selected ? ' is-selected' : ''}`}
      data-testid={TestIds.queueRow(item.seq)}
      aria-selected={selected}
      onClick={onSelect}
    >
      <span className="queue__score" title="priority">
        {item.priority.score.toFixed(1)}
      </span>
      <span className="queue__meta">
        {item.mention.channel} · @{item.mention.author}
        {item.mention.lang ? ` · ${item.mention.lang}` : ''}
      </span>
      <span className="queue__text" dir="auto">
        {item.mention.text}
      </span>
      {item.analysis && item.analysis.personal.length > 0 && (
        <span
          className="queue__personal"
          data-testid={TestIds.queueRowPersonal(item.seq)}
          title={`personal data in public: ${item.analysis.personal.join(', ')}`}
        >
          ✉ personal data: reply by direct message
        </span>
      )}
      <span className={`queue__sla${item.sla.breached ? ' is-breached' : ''}`}>
        {item.sla.breached ? `▲ SLA breached ${-dueIn} min ago` : `due in ${dueIn} min`}
      </span>
      <span className="queue__status" data-testid={TestIds.queueRowClaim(item.seq)}>
        {item.status !== 'open'
          ? item.status.replace('_', ' ')
          : item.claimedBy
            ? heldByOther
              ? `held by ${item.claimedBy.name}`
              : 'yours'
            : 'free'}
        {item.escalatedTo ? ` → ${item.escalatedTo}` : ''}
      </span>
    </li>
  )
}
