// The mentions the knowledge bank answers: one by its seq, or an incident's questions.
import type { Db } from '../store/db'

export const mentionForSuggestions = (db: Db, seq: number) =>
  db.get<{ seq: number; text: string; lang: string | null }>('SELECT seq, text, lang FROM mentions WHERE seq = ?', [
    seq
  ])

/**
 * The newest `limit` mentions that arrived in [fromMs, toMs) and ask something. A question
 * mark is the cue until the analyzers classify intent; it holds in every language we
 * serve (Arabic's ؟ included).
 */
export async function questionsSince(
  db: Db,
  fromMs: number,
  toMs: number | null,
  limit: number
): Promise<{ text: string; lang: string | null }[]> {
  return db.all<{ text: string; lang: string | null }>(
    `SELECT text, lang FROM mentions WHERE received_ms >= ? AND received_ms < ? AND (instr(text, '?') > 0 OR instr(text, '؟') > 0) ORDER BY seq DESC LIMIT ?`,
    [fromMs, toMs ?? Number.MAX_SAFE_INTEGER, limit]
  )
}
