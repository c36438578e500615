// Broadcasting an approved statement: pick the channels (those that carry a variant this
// statement has), send with one action, and watch each delivery's true state: queued,
// sending, accepted (with the platform's id), confirmed, unconfirmed (no receipt in time), or
// failed with the platform's own words, with retry and cancel where they make sense. A
// channel with no gateway listening says so before anyone broadcasts.
import { useCallback, useEffect, useState } from 'react'
import type { ConsoleApi } from '../../../shared/api'
import {
  BROADCAST_ROLES,
  presenceInWords,
  PUBLIC_STATES,
  type ChannelInfo,
  type Delivery,
  type PublicState
} from '../../../shared/broadcast'
import type { Statement } from '../../../shared/statements'
import { TestIds } from '../../../shared/test-ids'
import type { Me } from '../queue/QueueView'

/**
 * Merges deliveries by id, keeping whichever copy has seen more state changes: a fetched
 * list can be older than events that overtook it, and a delivery's history only grows.
 */
function merge(known: Delivery[], incoming: Delivery[]): Delivery[] {
  const byId = new Map(known.map((d) => [d.id, d]))
  for (const d of incoming) {
    const have = byId.get(d.id)
    if (!have || d.history.length >= have.history.length) byId.set(d.id, d)
  }
  return [...byId.values()].sort((a, b) => a.id - b.id)
}

/** "3 channels × 2 languages (6 deliveries): sms, x, voice in en, nl", from what will really go out. */
function broadcastPlan(picked: readonly ChannelInfo[], variants: readonly { channel: string; lang: string }[]): string {
  const per = picked.map((c) => variants.filter((v) => v.channel === c.variant).map((v) => v.lang))
  const deliveries = per.reduce((n, langs) => n + langs.length, 0)
  const langs = [...new Set(per.flat())]
  const names = picked.map((c) => c.id).join(', ')
  const channels = `${picked.length} channel${picked.length === 1 ? '' : 's'}`
  return `${channels} × ${langs.length} language${langs.length === 1 ? '' : 's'} (${deliveries} deliver${deliveries === 1 ? 'y' : 'ies'}): ${names} in ${langs.join(', ')}`
}

const time = (iso: string) =>
  new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' })

export function BroadcastPanel({ api, me, s }: { api: ConsoleApi; me: Me; s: Statement }) {
  const [channels, setChannels] = useState<ChannelInfo[]>([])
  /** null: the statement's own channels, as preselected; else what the member chose */
  const [chosen, setChosen] = useState<string[] | null>(null)
  const [confirming, setConfirming] = useState(false)
  /** what the public status page says of the incident; the lead may change it with this broadcast */
  const [stateNow, setStateNow] = useState<PublicState | null>(null)
  const [publicState, setPublicState] = useState<PublicState | null>(null)
  const [deliveries, setDeliveries] = useState<Delivery[]>([])
  const [error, setError] = useState<string | null>(null)
  const variants = s.approved?.variants ?? []
  const usable = channels.filter((c) => variants.some((v) => v.channel === c.variant))
  // channels a delivery already went to (or is on its way to) for this revision aren't offered again
  const sent = new Set(
    deliveries
      .filter((d) => d.revision === s.approved?.number && !['failed', 'cancelled', 'superseded'].includes(d.state))
      .map((d) => d.channel)
  )
  const offered = usable.filter((c) => !sent.has(c.id))
  const picked = (chosen ?? offered.map((c) => c.id)).filter((id) => offered.some((c) => c.id === id))
  const mayBroadcast = me.roles.some((r) => BROADCAST_ROLES.includes(r as (typeof BROADCAST_ROLES)[number]))

  const load = useCallback(async () => {
    const r = await api.call('deliveries', { statement: s.id })
    if (r.ok) setDeliveries((ds) => merge(ds, r.value))
  }, [api, s.id])
  useEffect(() => {
    const loadChannels = () => void api.call('listChannels', {}).then((r) => r.ok && setChannels(r.value))
    loadChannels()
    void load()
    void api.call('publicState', { incident: s.incidentId }).then((r) => r.ok && setStateNow(r.value.state))
    return api.subscribe((e) => {
      if (e.type === 'channels') return loadChannels() // a gateway came or went
      if (e.type !== 'delivery' || e.delivery.statementId !== s.id) return
      setDeliveries((ds) => merge(ds, [e.delivery]))
    })
  }, [api, load, s.id, s.incidentId])

  if (!s.approved) return null
  const stale = s.latest.number !== s.approved.number
  const act = async (call: Promise<{ ok: boolean; error?: { message: string } }>) => {
    const r = await call
    setError(r.ok ? null : (r.error?.message ?? 'failed'))
    if (r.ok) {
      setChosen(null)
      setConfirming(false)
      await load()
    }
  }
  const toggle = (id: string) => setChosen(picked.includes(id) ? picked.filter((p) => p !== id) : [...picked, id])
  const plan = broadcastPlan(
    picked.map((id) => offered.find((c) => c.id === id)!),
    variants
  )
  const toStatusPage = picked.some((id) => offered.find((c) => c.id === id)?.adapter === 'statuspage')
  const isLead = me.roles.includes('lead')
  const chosenState = publicState ?? stateNow
  return (
    <section aria-label="Broadcast">
      <h2>Broadcast revision {s.approved.number}</h2>
      {stale && (
        <p className="muted">
          Revision {s.latest.number} is awaiting review: approve or reject it before broadcasting.
        </p>
      )}
      {!mayBroadcast && (
        <p className="muted" data-testid={TestIds.broadcastWho}>
          Broadcasting is for {BROADCAST_ROLES.join(' and ')}; you have {me.roles.join(', ') || 'no role'}. You see
          every delivery below.
        </p>
      )}
      {mayBroadcast && !stale && offered.length > 0 && (
        <div className="picks">
          <label>
            <input
              type="checkbox"
              data-testid={TestIds.broadcastAll}
              checked={picked.length === offered.length}
              onChange={() => setChosen(picked.length === offered.length ? [] : offered.map((c) => c.id))}
            />{' '}
            all {offered.length}
          </label>
          {offered.map((c) => (
            <label key={c.id} title={c.target}>
              <input
                type="checkbox"
                data-testid={TestIds.broadcastChannel(c.id)}
                checked={picked.includes(c.id)}
                onChange={() => toggle(c.id)}
              />{' '}
              {c.id} <span className="muted">({c.adapter})</span>
              {c.gateway && presenceInWords(c.gateway) && (
                <span
                  className={c.gateway === 'none' ? 'check--bad' : 'muted'}
                  data-testid={TestIds.broadcastGateway(c.id)}
                >
                  {' '}
                  {presenceInWords(c.gateway)}
                </span>
              )}
            </label>
          ))}
          {toStatusPage && chosenState && (
            <label data-testid={TestIds.broadcastPublicState}>
              status page says{' '}
              {isLead ? (
                <select value={chosenState} onChange={(e) => setPublicState(e.target.value as PublicState)}>
                  {PUBLIC_STATES.map((p) => (
                    <option key={p}>{p}</option>
                  ))}
                </select>
              ) : (
                <strong title="the lead sets the incident's state">{chosenState}</strong>
              )}
            </label>
          )}
          {!confirming ? (
            <button data-testid={TestIds.broadcastSend} disabled={!picked.length} onClick={() => setConfirming(true)}>
              Broadcast to {picked.length} channel{picked.length === 1 ? '' : 's'}…
            </button>
          ) : (
            <span className="confirm" data-testid={TestIds.broadcastPlan}>
              Send revision {s.approved.number} to {plan}
              {toStatusPage && chosenState ? `, the status page saying ${chosenState}` : ''}?{' '}
              <button
                data-testid={TestIds.broadcastConfirm}
                onClick={() =>
                  void act(
                    api.call('broadcast', {
                      id: s.id,
                      revision: s.approved!.number,
                      channels: picked,
                      ...(publicState && publicState !== stateNow ? { publicState } : {})
                    })
                  ).then(() =>
                    api
                      .call('publicState', { incident: s.incidentId })
                      .then((r) => r.ok && (setStateNow(r.value.state), setPublicState(null)))
                  )
                }
              >
                Send now
              </button>{' '}
              <button onClick={() => setConfirming(false)}>Not yet</button>
            </span>
          )}
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <table className="deliveries" data-testid={TestIds.deliveries}>
        <tbody>
          {deliveries.map((d) => (
            <tr key={d.id} data-testid={TestIds.deliveryRow(d.id)} data-state={d.state}>
              <td>{d.channel}</td>
              <td>{d.lang}</td>
              <td className={`delivery delivery--${d.state}`}>
                {d.state === 'accepted' ? 'accepted, awaiting receipt' : d.state}
              </td>
              <td className="muted">
                {time(d.updatedAt)} · {d.attempts} attempt{d.attempts === 1 ? '' : 's'}
                {d.externalId ? ` · id ${d.externalId}` : ''}
                {d.nextAttemptAt ? ` · next try ${time(d.nextAttemptAt)}` : ''}
              </td>
              <td>{d.error && <span className="check--bad">{d.error}</span>}</td>
              <td>
                {mayBroadcast && (d.state === 'failed' || d.state === 'cancelled' || d.state === 'unconfirmed') && (
                  <button
                    data-testid={TestIds.deliveryRetry(d.id)}
                    onClick={() => void act(api.call('retryDelivery', { id: d.id }))}
                  >
                    Retry
                  </button>
                )}
                {mayBroadcast && d.state === 'queued' && (
                  <button
                    data-testid={TestIds.deliveryCancel(d.id)}
                    onClick={() => void act(api.call('cancelDelivery', { id: d.id }))}
                  >
                    Cancel
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
