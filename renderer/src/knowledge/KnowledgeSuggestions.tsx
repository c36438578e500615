// The knowledge bank beside a queue item: the entries that best answer this mention (the
// agent takes one into the reply with a click), and saving a good reply as a new entry.
import { useEffect, useState } from 'react'
import type { ConsoleApi } from '../../../shared/api'
import type { KnowledgeSuggestion } from '../../../shared/statements'
import { TestIds } from '../../../shared/test-ids'

export function KnowledgeSuggestions({
  api,
  seq,
  onUse
}: {
  api: ConsoleApi
  seq: number
  onUse: (s: KnowledgeSuggestion) => void
}) {
  const [found, setFound] = useState<KnowledgeSuggestion[] | null>(null)
  useEffect(() => {
    let live = true
    setFound(null)
    void api.call('suggestions', { seq, limit: 3 }).then((r) => live && setFound(r.ok ? r.value : []))
    return () => void (live = false)
  }, [api, seq])
  if (found === null) return null
  return (
    <div aria-label="Suggested answers" data-testid={TestIds.knowledgeSuggestions}>
      <h2>Suggested answers</h2>
      {found.length === 0 && <p className="muted">Nothing in the knowledge bank matches this mention.</p>}
      <ul className="suggestions">
        {found.map((s) => (
          <li key={s.entry.id}>
            <strong dir="auto">{s.entry.question}</strong>{' '}
            <span className="muted">
              ({s.entry.lang}; matched {s.matched.join(', ')})
            </span>
            <div dir="auto">{s.entry.answer}</div>
            <button type="button" data-testid={TestIds.knowledgeUse(s.entry.id)} onClick={() => onUse(s)}>
              Use in reply
            </button>
          </li>
        ))}
      </ul>
    </div>
  )
}

/** Saves the reply being written as a knowledge-bank entry answering this mention. */
export function SaveReplyAsEntry({
  api,
  seq,
  question,
  answer,
  lang
}: {
  api: ConsoleApi
  seq: number
  question: string
  answer: string
  lang: string | null
}) {
  const [language, setLanguage] = useState(lang ?? 'en')
  const [status, setStatus] = useState<string | null>(null)
  useEffect(() => setStatus(null), [seq, answer])
  return (
    <span className="row">
      <input aria-label="entry language" size={3} value={language} onChange={(e) => setLanguage(e.target.value)} />
      <button
        type="button"
        data-testid={TestIds.knowledgeSaveReply}
        disabled={!answer.trim()}
        onClick={async () => {
          const r = await api.call('addKnowledge', {
            lang: language,
            question: question.slice(0, 1000),
            answer,
            fromSeq: seq
          })
          setStatus(r.ok ? `saved as entry ${r.value.id}` : r.error.message)
        }}
      >
        Save reply to knowledge bank
      </button>
      {status && <span className="muted">{status}</span>}
    </span>
  )
}
