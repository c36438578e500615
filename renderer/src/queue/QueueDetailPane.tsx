// One queue item in full: why it ranks where it does, what happened to it, the author's
// other mentions, and the actions.
import { useState, type RefObject } from 'react'
import type { ConsoleApi } from '../../../shared/api'
import { MARK_STATUSES, TRIAGE_ROLES } from '../../../shared/team'
import { useUsers } from '../team/use-users'
import type { QueueItem } from '../../../shared/team'
import { TestIds } from '../../../shared/test-ids'
import type { Act, Me } from './QueueView'
import { useQueueDetail } from './use-queue'
import { KnowledgeSuggestions, SaveReplyAsEntry } from '../knowledge/KnowledgeSuggestions'
import { useLiveCall } from '../api/use-live-call'
import { replyAction } from '../../../shared/reply-route'

const ASSIGNABLE_ROLES = TRIAGE_ROLES

const time = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })

export function QueueDetailPane(props: {
  api: ConsoleApi
  seq: number | null
  me: Me
  act: Act
  replyRef: RefObject<HTMLTextAreaElement | null>
  escalateRef: RefObject<HTMLSelectElement | null>
  /** opens another item in this pane (an echo's original) */
  onOpen: (seq: number) => void
}) {
  const { api, seq, me, act, replyRef, escalateRef, onOpen } = props
  const { detail } = useQueueDetail(api, seq)
  const [reply, setReply] = useState('')
  /** the knowledge-bank entry the reply was taken from, while its text is unchanged */
  const [fromEntry, setFromEntry] = useState<{ id: number; answer: string } | null>(null)
  const [note, setNote] = useState('')
  const [markAs, setMarkAs] = useState<(typeof MARK_STATUSES)[number]>('no_action')
  const [markReason, setMarkReason] = useState('')
  const [escalateTo, setEscalateTo] = useState<'lead' | 'legal'>('lead')
  const [assignTo, setAssignTo] = useState('role:service')
  const users = useUsers(api)
  // which channels have an outbound path: the reply button says whether it sends
  const { value: channels = [] } = useLiveCall(api, 'listChannels', {}, () => false)

  if (!detail || seq === null) return <section className="tile queue__detail muted">Select an item.</section>
  const { item } = detail
  const mine = item.claimedBy?.name === me.name
  const heldByOther = item.claimedBy !== null && !mine
  const waiting = item.status === 'open' || item.status === 'escalated'
  // a viewer reads the queue: no button it would only be refused at
  const works = me.roles.some((r) => (TRIAGE_ROLES as readonly string[]).includes(r))
  const f = item.priority.factors

  return (
    <section className="tile queue__detail" aria-label="Selected mention" data-testid={TestIds.queueDetail}>
      <p className="muted">
        {item.mention.channel} · @{item.mention.author} · {item.mention.followers.toLocaleString()} followers ·{' '}
        {time(item.mention.ts)}
      </p>
      <blockquote className="queue__quote" dir="auto" lang={item.mention.lang ?? undefined}>
        {item.mention.text}
      </blockquote>
      <p className="muted" data-testid={TestIds.queuePriority}>
        priority {item.priority.score.toFixed(1)} = reach {f.reach.toFixed(1)} × negativity {f.negativity} × urgency{' '}
        {f.urgency} × question {f.question} × age {item.priority.ageFactor.toFixed(2)}
      </p>
      <WhyItRanks item={item} onOpen={onOpen} />
      {item.analysis &&
        (item.analysis.echoOf !== null || item.analysis.echoes > 0) &&
        me.roles.some((r) => (TRIAGE_ROLES as readonly string[]).includes(r)) && <EchoTriage api={api} seq={seq} />}

      {works ? (
        <>
          <div className="row">
            {item.claimedBy === null || mine ? (
              <button
                data-testid={TestIds.queueClaim}
                disabled={!waiting || mine}
                onClick={() => act('claim', { seq })}
              >
                {mine ? 'Yours' : 'Claim (c)'}
              </button>
            ) : (
              <button data-testid={TestIds.queueClaim} disabled title={`held by ${item.claimedBy.name}`}>
                Held by {item.claimedBy.name}
              </button>
            )}
            {item.claimedBy && (mine || me.roles.includes('lead')) && (
              <button data-testid={TestIds.queueRelease} onClick={() => act('release', { seq })}>
                Release
              </button>
            )}
          </div>

          {waiting && !heldByOther && (
            <>
              <form
                onSubmit={async (e) => {
                  e.preventDefault()
                  const entry = fromEntry && reply.includes(fromEntry.answer) ? fromEntry.id : undefined
                  if (await act('reply', { seq, text: reply, ...(entry !== undefined ? { entry } : {}) })) {
                    setReply('')
                    setFromEntry(null)
                  }
                }}
              >
                <KnowledgeSuggestions
                  api={api}
                  seq={seq}
                  onUse={(s) => {
                    setReply(s.entry.answer)
                    setFromEntry({ id: s.entry.id, answer: s.entry.answer })
                  }}
                />
                <textarea
                  ref={replyRef}
                  data-testid={TestIds.queueReplyText}
                  placeholder="Reply (r)"
                  dir="auto"
                  rows={3}
                  value={reply}
                  onChange={(e) => setReply(e.target.value)}
                />
                <button data-testid={TestIds.queueReplySend} disabled={!reply.trim()}>
                  {
                    replyAction(
                      item.mention.channel,
                      channels.map((c) => c.id)
                    ).label
                  }
                </button>{' '}
                <SaveReplyAsEntry
                  api={api}
                  seq={seq}
                  question={item.mention.text}
                  answer={reply}
                  lang={item.mention.lang}
                />
              </form>
              <form
                className="row"
                onSubmit={async (e) => {
                  e.preventDefault()
                  await act('escalate', { seq, to: escalateTo, reason: '' })
                }}
              >
                <select
                  ref={escalateRef}
                  aria-label="escalate to"
                  value={escalateTo}
                  onChange={(e) => setEscalateTo(e.target.value as 'lead' | 'legal')}
                >
                  <option value="lead">lead</option>
                  <option value="legal">legal</option>
                </select>
                <button data-testid={TestIds.queueEscalate}>Escalate (e)</button>
              </form>
              <form
                className="row"
                onSubmit={async (e) => {
                  e.preventDefault()
                  if (await act('mark', { seq, as: markAs, reason: markReason })) setMarkReason('')
                }}
              >
                <select
                  aria-label="mark as"
                  data-testid={TestIds.queueMarkAs}
                  value={markAs}
                  onChange={(e) => setMarkAs(e.target.value as typeof markAs)}
                >
                  {MARK_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {s.replace('_', ' ')}
                    </option>
                  ))}
                </select>
                <input
                  aria-label="reason"
                  placeholder="reason"
                  data-testid={TestIds.queueMarkReason}
                  value={markReason}
                  onChange={(e) => setMarkReason(e.target.value)}
                />
                <button data-testid={TestIds.queueMarkSend} disabled={!markReason.trim()}>
                  Mark
                </button>
              </form>
            </>
          )}
          {waiting && (
            <form
              className="row"
              onSubmit={async (e) => {
                e.preventDefault()
                const [kind, value] = assignTo.split(':')
                await act(
                  'assign',
                  kind === 'user' ? { seq, user: value } : { seq, role: value as (typeof ASSIGNABLE_ROLES)[number] }
                )
              }}
            >
              <span className="muted">assigned to {item.assignee.user?.name ?? item.assignee.role ?? 'nobody'}</span>
              <select
                aria-label="assign to"
                data-testid={TestIds.queueAssignTo}
                value={assignTo}
                onChange={(e) => setAssignTo(e.target.value)}
              >
                <optgroup label="a role">
                  {ASSIGNABLE_ROLES.map((r) => (
                    <option key={r} value={`role:${r}`}>
                      {r}
                    </option>
                  ))}
                </optgroup>
                <optgroup label="a person">
                  {users.map((u) => (
                    <option key={u.id} value={`user:${u.name}`}>
                      {u.name}
                    </option>
                  ))}
                </optgroup>
              </select>
              <button data-testid={TestIds.queueAssign}>Assign</button>
            </form>
          )}
          <form
            className="row"
            onSubmit={async (e) => {
              e.preventDefault()
              if (await act('note', { seq, text: note })) setNote('')
            }}
          >
            <input
              aria-label="note"
              placeholder="Add a note"
              data-testid={TestIds.queueNoteText}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
            <button data-testid={TestIds.queueNoteSend} disabled={!note.trim()}>
              Note
            </button>
          </form>
        </>
      ) : (
        <p className="muted" data-testid={TestIds.queueReadOnly}>
          You can read the queue. Working it (claim, reply, mark, escalate, assign, notes) needs one of the roles{' '}
          {TRIAGE_ROLES.join(', ')}; you have {me.roles.join(', ') || 'none'}.
        </p>
      )}

      <h3>History</h3>
      <ol className="history" data-testid={TestIds.queueHistory}>
        {detail.history.map((h) => (
          <li key={h.id}>
            <span className="muted">{time(h.at)}</span> {h.actor} {h.type}
            {typeof h.data.text === 'string' ? `: ${h.data.text}` : ''}
            {typeof h.data.reason === 'string' && h.data.reason ? ` (${h.data.reason})` : ''}
            {typeof h.data.to === 'string' ? ` → ${h.data.to}` : ''}
            {typeof h.data.toRole === 'string' ? ` → ${h.data.toRole}` : ''}
          </li>
        ))}
        {detail.history.length === 0 && <li className="muted">nothing yet</li>}
      </ol>
      <h3>@{item.mention.author}'s other mentions</h3>
      <ol className="history" data-testid={TestIds.queueAuthorMentions}>
        {detail.authorMentions.map((m) => (
          <li key={m.seq} dir="auto">
            <span className="muted">{time(m.ts)}</span> {m.text}
          </li>
        ))}
        {detail.authorMentions.length === 0 && <li className="muted">none</li>}
      </ol>
    </section>
  )
}

/** A retweet storm: every waiting copy of the original closed as a duplicate in one go, the original kept for an answer. */
function EchoTriage({ api, seq }: { api: ConsoleApi; seq: number }) {
  const [outcome, setOutcome] = useState<{ seq: number; ok: boolean; text: string } | null>(null)
  const mark = async () => {
    const r = await api.call('markEchoes', { seq })
    if (!r.ok) return setOutcome({ seq, ok: false, text: r.error.message })
    const { original, marked, leftHeld } = r.value
    const held = leftHeld ? `; ${leftHeld} held by others left to them` : ''
    setOutcome({
      seq,
      ok: true,
      text: `${marked} waiting ${marked === 1 ? 'copy' : 'copies'} of #${original} marked duplicate${held}.`
    })
  }
  return (
    <div className="row">
      <button
        data-testid={TestIds.queueMarkEchoes}
        onClick={() => void mark()}
        title="The original stays in the queue for an answer"
      >
        Mark waiting copies as duplicates
      </button>
      {outcome?.seq === seq && (
        <span className={outcome.ok ? 'muted' : 'error'} role="status" data-testid={TestIds.queueMarkEchoesOutcome}>
          {outcome.text}
        </span>
      )}
    </div>
  )
}

/** The analyzers' reading in words: why this mention ranks where it does, and what to mind when answering. */
function WhyItRanks({ item, onOpen }: { item: QueueItem; onOpen: (seq: number) => void }) {
  const a = item.analysis
  if (!a) return <p className="muted">Not analyzed yet.</p>
  return (
    <ul className="queue__why" data-testid={TestIds.queueWhy}>
      <li>
        {a.intent} · {a.label} ({a.sentiment.toFixed(2)}){a.lang ? ` · ${a.lang}` : ''}
      </li>
      {a.urgent.length > 0 && <li className="queue__urgent">▲ urgent: {a.urgent.join(', ')}</li>}
      {a.echoOf !== null && (
        <li>
          An echo (retweet or copy) of{' '}
          <button className="link" data-testid={TestIds.queueEchoOf} onClick={() => onOpen(a.echoOf!)}>
            #{a.echoOf}
          </button>
          .
        </li>
      )}
      {a.echoOf === null && a.echoes > 0 && <li>Repeated by {a.echoes} others (retweets and copies).</li>}
      {a.personal.length > 0 && (
        <li className="queue__personal">
          Personal data in public ({a.personal.join(', ')}): move to a direct message; the reply goes out as one.
        </li>
      )}
    </ul>
  )
}
