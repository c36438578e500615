// The knowledge bank: search it (inflected forms match, per language), add an entry, and
// see what people ask most in the current incident.
import { useEffect, useState, type FormEvent } from 'react'
import type { ConsoleApi } from '../../../shared/api'
import type { KnowledgeSuggestion, MostAsked } from '../../../shared/statements'
import { TRIAGE_ROLES } from '../../../shared/team'
import { TestIds } from '../../../shared/test-ids'
import type { Me } from '../queue/QueueView'

export function KnowledgeView({ api, me }: { api: ConsoleApi; me: Me }) {
  const [q, setQ] = useState('')
  const [lang, setLang] = useState('')
  const [found, setFound] = useState<KnowledgeSuggestion[]>([])
  const [mostAsked, setMostAsked] = useState<MostAsked[] | null>(null)
  const [version, setVersion] = useState(0)

  useEffect(() => {
    let live = true
    const t = setTimeout(
      () =>
        void api
          .call('searchKnowledge', { q, ...(lang ? { lang } : {}), limit: 20 })
          .then((r) => live && r.ok && setFound(r.value)),
      150
    )
    return () => {
      live = false
      clearTimeout(t)
    }
  }, [api, q, lang, version])
  useEffect(() => {
    void api.call('listIncidents', {}).then(async (r) => {
      const open = r.ok ? r.value.filter((i) => !i.resolvedAt) : []
      const incident = open.find((i) => i.onWall) ?? open[0]
      if (!incident) return setMostAsked([])
      const m = await api.call('mostAsked', { id: incident.id, limit: 10 })
      setMostAsked(m.ok ? m.value : [])
    })
  }, [api, version])

  return (
    <div className="knowledge" data-testid={TestIds.knowledge}>
      <section className="tile" aria-label="Search the knowledge bank">
        <h2>Knowledge bank</h2>
        <input
          data-testid={TestIds.knowledgeSearch}
          placeholder="search questions and answers"
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />{' '}
        <input
          aria-label="language"
          placeholder="any language"
          size={6}
          value={lang}
          onChange={(e) => setLang(e.target.value.trim())}
        />
        <ul className="suggestions">
          {found.map((s) => (
            <li key={s.entry.id} data-testid={TestIds.knowledgeEntry(s.entry.id)}>
              <strong dir="auto">{s.entry.question}</strong>{' '}
              <span className="muted">
                ({s.entry.lang}, by {s.entry.createdBy})
              </span>
              <div dir="auto">{s.entry.answer}</div>
            </li>
          ))}
          {found.length === 0 && <li className="muted">No entries{q ? ' match' : ' yet'}.</li>}
        </ul>
      </section>
      <section className="tile" aria-label="Most asked in this incident">
        <h2>Most asked in this incident</h2>
        <ol className="suggestions" data-testid={TestIds.knowledgeMostAsked}>
          {(mostAsked ?? []).map((m) => (
            <li key={m.entry.id}>
              <span dir="auto">{m.entry.question}</span>{' '}
              <span className="muted">
                asked {m.asked}× · used in {m.used} repl{m.used === 1 ? 'y' : 'ies'}
              </span>
            </li>
          ))}
          {mostAsked?.length === 0 && <li className="muted">Nothing matched yet.</li>}
        </ol>
        {me.roles.some((r) => TRIAGE_ROLES.includes(r as (typeof TRIAGE_ROLES)[number])) && (
          <AddEntry api={api} onAdded={() => setVersion((v) => v + 1)} />
        )}
      </section>
    </div>
  )
}

function AddEntry({ api, onAdded }: { api: ConsoleApi; onAdded: () => void }) {
  const [lang, setLang] = useState('en')
  const [question, setQuestion] = useState('')
  const [answer, setAnswer] = useState('')
  const [error, setError] = useState<string | null>(null)
  async function submit(e: FormEvent) {
    e.preventDefault()
    const r = await api.call('addKnowledge', { lang, question, answer })
    setError(r.ok ? null : r.error.message)
    if (r.ok) {
      setQuestion('')
      setAnswer('')
      onAdded()
    }
  }
  return (
    <form onSubmit={submit} aria-label="Add an entry">
      <h2>Add an entry</h2>
      <input
        aria-label="language"
        data-testid={TestIds.knowledgeAddLang}
        size={4}
        value={lang}
        onChange={(e) => setLang(e.target.value.trim())}
      />{' '}
      <input
        data-testid={TestIds.knowledgeAddQuestion}
        placeholder="question"
        dir="auto"
        value={question}
        onChange={(e) => setQuestion(e.target.value)}
      />
      <textarea
        data-testid={TestIds.knowledgeAddAnswer}
        placeholder="answer"
        dir="auto"
        rows={3}
        value={answer}
        onChange={(e) => setAnswer(e.target.value)}
      />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button data-testid={TestIds.knowledgeAddSubmit} disabled={!question.trim() || !answer.trim()}>
        Add
      </button>
    </form>
  )
}
