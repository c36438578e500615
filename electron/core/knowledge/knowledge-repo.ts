// The knowledge bank: question-and-answer entries in several languages, searched with
// SQLite FTS5 over terms stemmed per language (text-terms.ts). The entries table holds the
// words people read; knowledge_fts holds the stemmed terms, one row per entry (same id).
import type { KnowledgeEntry, KnowledgeSuggestion } from '../../../shared/statements'
import type { Db } from '../store/db'
import { termsWithWords, textTerms } from './text-terms'

interface EntryRow {
  id: number
  lang: string
  question: string
  answer: string
  created_by: string
  created_ms: number
}

const toEntry = (r: EntryRow): KnowledgeEntry => ({
  id: r.id,
  lang: r.lang,
  question: r.question,
  answer: r.answer,
  createdBy: r.created_by,
  createdAt: new Date(r.created_ms).toISOString()
})

/** FTS5 weights: a match in the question counts three times one in the answer. */
const QUESTION_WEIGHT = 3
/** Terms taken from one mention; a 10,000-character text must not become a 2,000-term query. */
const MAX_QUERY_TERMS = 32

export async function insertEntry(
  db: Db,
  e: { lang: string; question: string; answer: string; createdBy: string; sourceSeq: number | null },
  nowMs: number
): Promise<KnowledgeEntry> {
  const { lastID } = await db.run(
    'INSERT INTO knowledge_entries (lang, question, answer, created_by, created_ms, source_seq) VALUES (?, ?, ?, ?, ?, ?)',
    [e.lang, e.question, e.answer, e.createdBy, nowMs, e.sourceSeq]
  )
  await db.run('INSERT INTO knowledge_fts (rowid, lang, question, answer) VALUES (?, ?, ?, ?)', [
    lastID,
    e.lang,
    textTerms(e.question, e.lang).join(' '),
    textTerms(e.answer, e.lang).join(' ')
  ])
  return toEntry((await db.get<EntryRow>('SELECT * FROM knowledge_entries WHERE id = ?', [lastID]))!)
}

export async function getEntry(db: Db, id: number): Promise<KnowledgeEntry | null> {
  const row = await db.get<EntryRow>('SELECT * FROM knowledge_entries WHERE id = ?', [id])
  return row ? toEntry(row) : null
}

/** Languages the bank has entries in. */
export async function bankLanguages(db: Db): Promise<string[]> {
  return (await db.all<{ lang: string }>('SELECT DISTINCT lang FROM knowledge_entries ORDER BY lang')).map(
    (r) => r.lang
  )
}

/**
 * The entries that best answer `text`. With `lang` known the text is stemmed that way and
 * only that language's entries are searched; unknown, it is tried in every language the
 * bank holds (each stemmed in its own language) and the best matches kept.
 */
export async function searchEntries(
  db: Db,
  text: string,
  lang: string | null,
  limit: number
): Promise<KnowledgeSuggestion[]> {
  const langs = lang ? [lang] : await bankLanguages(db)
  const found: KnowledgeSuggestion[] = []
  for (const l of langs) {
    // the mention's own word for each term: a match is shown as words, not stems
    const wordOf = new Map<string, string>()
    for (const [term, word] of termsWithWords(text, l)) if (!wordOf.has(term)) wordOf.set(term, word)
    const terms = [...wordOf.keys()].slice(0, MAX_QUERY_TERMS)
    if (terms.length === 0) continue
    // every term quoted: user text never reaches FTS5's query syntax (AND, NEAR, column:)
    const match = terms.map((t) => `"${t.replace(/"/g, '""')}"`).join(' OR ')
    const rows = await db.all<EntryRow & { rank: number; q: string; a: string }>(
      `SELECT e.*, bm25(knowledge_fts, 0, ${QUESTION_WEIGHT}, 1) AS rank, f.question AS q, f.answer AS a
         FROM knowledge_fts f JOIN knowledge_entries e ON e.id = f.rowid
        WHERE knowledge_fts MATCH ? AND f.lang = ? ORDER BY rank LIMIT ?`,
      [match, l, limit]
    )
    for (const r of rows) {
      const entryTerms = new Set(`${r.q} ${r.a}`.split(' '))
      found.push({
        entry: toEntry(r),
        score: Math.round(-r.rank * 1000) / 1000,
        matched: terms.filter((t) => entryTerms.has(t)).map((t) => wordOf.get(t) ?? t)
      })
    }
  }
  return found.sort((a, b) => b.score - a.score || a.entry.id - b.entry.id).slice(0, limit)
}

/** Newest entries first, for browsing the bank without a query. */
export async function listEntries(db: Db, lang: string | undefined, limit: number): Promise<KnowledgeEntry[]> {
  const rows = lang
    ? await db.all<EntryRow>('SELECT * FROM knowledge_entries WHERE lang = ? ORDER BY id DESC LIMIT ?', [lang, limit])
    : await db.all<EntryRow>('SELECT * FROM knowledge_entries ORDER BY id DESC LIMIT ?', [limit])
  return rows.map(toEntry)
}

export async function recordUse(
  db: Db,
  entryId: number,
  seq: number,
  incidentId: number | null,
  actor: string,
  nowMs: number
): Promise<void> {
  await db.run(
    'INSERT OR IGNORE INTO knowledge_uses (entry_id, mention_seq, incident_id, actor, at_ms) VALUES (?, ?, ?, ?, ?)',
    [entryId, seq, incidentId, actor, nowMs]
  )
}

export async function usesInIncident(db: Db, incidentId: number): Promise<Map<number, number>> {
  const rows = await db.all<{ entry_id: number; n: number }>(
    'SELECT entry_id, count(*) AS n FROM knowledge_uses WHERE incident_id = ? GROUP BY entry_id',
    [incidentId]
  )
  return new Map(rows.map((r) => [r.entry_id, r.n]))
}
