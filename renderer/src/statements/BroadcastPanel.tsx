// Broadcasting an approved statement: pick the channels (those that carry a variant this
// statement has), send with one action, and watch each delivery's true state: queued,
// sending, accepted (with the platform's id), confirmed, unconfirmed (no receipt in time), or
// failed with the platform's own words, with retry and cancel where they make sense. A
// channel with no gateway listening says so before anyone broadcasts.
import { useCallback, useEffect, useState } from 'react'
import type { ConsoleApi } from '../../../shared/api'
import { BROADCAST_ROLES, presenceInWords, type ChannelInfo, type Delivery } from '../../../shared/broadcast'
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

const time = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' })

export function BroadcastPanel({ api, me, s }: { api: ConsoleApi; me: Me; s: Statement }) {
  const [channels, setChannels] = useState<ChannelInfo[]>([])
  const [picked, setPicked] = useState<string[]>([])
  const [deliveries, setDeliveries] = useState<Delivery[]>([])
  const [error, setError] = useState<string | null>(null)
  const variants = new Set(s.approved?.variants.map((v) => v.channel))
  const usable = channels.filter((c) => variants.has(c.variant))
  const mayBroadcast = me.roles.some((r) => BROADCAST_ROLES.includes(r as (typeof BROADCAST_ROLES)[number]))

  const load = useCallback(async () => {
    const r = await api.call('deliveries', { statement: s.id })
    if (r.ok) setDeliveries((ds) => merge(ds, r.value))
  }, [api, s.id])
  useEffect(() => {
    const loadChannels = () => void api.call('listChannels', {}).then((r) => r.ok && setChannels(r.value))
    loadChannels()
    void load()
    return api.subscribe((e) => {
      if (e.type === 'channels') return loadChannels() // a gateway came or went
      if (e.type !== 'delivery' || e.delivery.statementId !== s.id) return
      setDeliveries((ds) => merge(ds, [e.delivery]))
    })
  }, [api, load, s.id])

  if (!s.approved) return null
  const stale = s.latest.number !== s.approved.number
  const act = async (call: Promise<{ ok: boolean; error?: { message: string } }>) => {
    const r = await call
    setError(r.ok ? null : (r.error?.message ?? 'failed'))
    if (r.ok) {
      setPicked([])
      await load()
    }
  }
  return (
    <section aria-label="Broadcast">
      <h2>Broadcast revision {s.approved.number}</h2>
      {stale && <p className="muted">Revision {s.latest.number} is awaiting review: approve or reject it before broadcasting.</p>}
      {mayBroadcast && !stale && (
        <div className="picks">
          {usable.map((c) => (
            <label key={c.id} title={c.target}>
              <input
                type="checkbox"
                data-testid={TestIds.broadcastChannel(c.id)}
                checked={picked.includes(c.id)}
                onChange={() => setPicked(picked.includes(c.id) ? picked.filter((p) => p !== c.id) : [...picked, c.id])}
              />{' '}
              {c.id} <span className="muted">({c.adapter})</span>
              {c.gateway && presenceInWords(c.gateway) && (
                <span className={c.gateway === 'none' ? 'check--bad' : 'muted'} data-testid={TestIds.broadcastGateway(c.id)}>
                  {' '}
                  {presenceInWords(c.gateway)}
                </span>
              )}
            </label>
          ))}
          <button data-testid={TestIds.broadcastSend} disabled={!picked.length} onClick={() => void act(api.call('broadcast', { id: s.id, revision: s.approved!.number, channels: picked }))}>
            Broadcast to {picked.length} channel{picked.length === 1 ? '' : 's'}
          </button>
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
              <td className={`delivery delivery--${d.state}`}>{d.state === 'accepted' ? 'accepted, awaiting receipt' : d.state}</td>
              <td className="muted">
                {time(d.updatedAt)} · {d.attempts} attempt{d.attempts === 1 ? '' : 's'}
                {d.externalId ? ` · id ${d.externalId}` : ''}
                {d.nextAttemptAt ? ` · next try ${time(d.nextAttemptAt)}` : ''}
              </td>
              <td>{d.error && <span className="check--bad">{d.error}</span>}</td>
              <td>
                {mayBroadcast && (d.state === 'failed' || d.state === 'cancelled' || d.state === 'unconfirmed') && (
                  <button data-testid={TestIds.deliveryRetry(d.id)} onClick={() => void act(api.call('retryDelivery', { id: d.id }))}>
                    Retry
                  </button>
                )}
                {mayBroadcast && d.state === 'queued' && (
                  <button data-testid={TestIds.deliveryCancel(d.id)} onClick={() => void act(api.call('cancelDelivery', { id: d.id }))}>
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
