// An incident's tracking rules: topics with their queries (words, "phrases", AND, OR, NOT,
// parentheses; optionally one language) and how many mentions each has tagged.
import { useCallback, useEffect, useState } from 'react'
import type { ConsoleApi } from '../../../shared/api'
import type { TrackingRule } from '../../../shared/tracking'
import { TestIds } from '../../../shared/test-ids'

export function TrackingRules({
  api,
  incidentId,
  canEdit,
  onError
}: {
  api: ConsoleApi
  incidentId: number
  canEdit: boolean
  onError: (m: string | null) => void
}) {
  const [rules, setRules] = useState<TrackingRule[]>([])
  const [topic, setTopic] = useState('')
  const [query, setQuery] = useState('')
  const [lang, setLang] = useState('')
  const load = useCallback(async () => {
    const r = await api.call('listTrackingRules', { incident: incidentId })
    if (r.ok) setRules(r.value)
  }, [api, incidentId])
  useEffect(() => {
    void load()
    const t = setInterval(() => void load(), 15_000) // counts grow as mentions are analyzed
    return () => clearInterval(t)
  }, [load])
  return (
    <div className="tracking" data-testid={TestIds.trackingRules}>
      <h3>Tracking</h3>
      {rules.length === 0 && (
        <p className="muted">No tracking rules: add a topic and its words to tag mentions with it.</p>
      )}
      <ul className="history">
        {rules.map((r) => (
          <li key={r.id}>
            <strong>{r.topic}</strong>{' '}
            <span className="muted">
              {r.query}
              {r.lang ? ` · ${r.lang} only` : ''} · {r.mentions} mentions
            </span>{' '}
            {canEdit && (
              <button
                onClick={() =>
                  void api
                    .call('removeTrackingRule', { id: r.id })
                    .then((x) => (onError(x.ok ? null : x.error.message), void load()))
                }
              >
                Remove
              </button>
            )}
          </li>
        ))}
      </ul>
      {canEdit && (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault()
            void api
              .call('addTrackingRule', { incident: incidentId, topic, query, ...(lang ? { lang } : {}) })
              .then((r) => {
                onError(r.ok ? null : r.error.message)
                if (r.ok) {
                  setTopic('')
                  setQuery('')
                  void load()
                }
              })
          }}
        >
          <input
            aria-label="topic"
            placeholder="Topic, e.g. Rebooking"
            value={topic}
            onChange={(e) => setTopic(e.target.value)}
            required
            maxLength={80}
            data-testid={TestIds.trackingTopic}
          />
          <input
            aria-label="query"
            placeholder='(rebook OR refund) NOT spam, "ash cloud"'
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            required
            maxLength={500}
            size={32}
            data-testid={TestIds.trackingQuery}
          />
          <input
            aria-label="language only"
            placeholder="any language"
            value={lang}
            onChange={(e) => setLang(e.target.value.trim().toLowerCase())}
            size={8}
            maxLength={3}
          />
          <button data-testid={TestIds.trackingAdd}>Add rule</button>
        </form>
      )}
    </div>
  )
}
