// Named, versioned templates. A saved version is never changed; a team's edit is the next
// version. The defaults are seeded at start-up, so a newer build's default wording lands as
// a new version next to the team's own.
import { TemplateSchema, type StatementTemplate } from '../../../shared/statement-templates'
import type { TemplateSummary } from '../../../shared/statements'
import type { Db } from '../store/db'

interface TemplateRow {
  id: string
  version: number
  body: string
  saved_by: string
  saved_ms: number
  pre_approved_by: string | null
  pre_approved_ms: number | null
}

const toSummary = (r: TemplateRow): TemplateSummary => ({
  template: TemplateSchema.parse(JSON.parse(r.body)),
  preApproved:
    r.pre_approved_by !== null ? { by: r.pre_approved_by, at: new Date(r.pre_approved_ms ?? 0).toISOString() } : null,
  savedBy: r.saved_by,
  savedAt: new Date(r.saved_ms).toISOString()
})

/** Seeds each default whose exact wording no stored version of it has. Inside a transaction. */
export async function seedTemplates(db: Db, defaults: readonly StatementTemplate[], nowMs: number): Promise<void> {
  for (const t of defaults) {
    const stored = await db.all<{ body: string }>('SELECT body FROM templates WHERE id = ?', [t.id])
    const body = JSON.stringify(t)
    if (stored.some((s) => JSON.stringify({ ...JSON.parse(s.body), version: t.version }) === body)) continue
    const next = await nextVersion(db, t.id)
    await db.run('INSERT INTO templates (id, version, body, saved_by, saved_ms) VALUES (?, ?, ?, ?, ?)', [
      t.id,
      next,
      JSON.stringify({ ...t, version: next }),
      'Crisis Console defaults',
      nowMs
    ])
  }
}

export async function nextVersion(db: Db, id: string): Promise<number> {
  return (
    ((await db.get<{ v: number | null }>('SELECT max(version) AS v FROM templates WHERE id = ?', [id]))?.v ?? 0) + 1
  )
}

export async function insertTemplate(db: Db, t: StatementTemplate, savedBy: string, nowMs: number): Promise<void> {
  await db.run('INSERT INTO templates (id, version, body, saved_by, saved_ms) VALUES (?, ?, ?, ?, ?)', [
    t.id,
    t.version,
    JSON.stringify(t),
    savedBy,
    nowMs
  ])
}

/** One version, or the newest when `version` is left out. */
export async function getTemplate(db: Db, id: string, version?: number): Promise<TemplateSummary | null> {
  const row =
    version === undefined
      ? await db.get<TemplateRow>('SELECT * FROM templates WHERE id = ? ORDER BY version DESC LIMIT 1', [id])
      : await db.get<TemplateRow>('SELECT * FROM templates WHERE id = ? AND version = ?', [id, version])
  return row ? toSummary(row) : null
}

/** The newest version of every template. */
export async function listTemplates(db: Db): Promise<TemplateSummary[]> {
  const rows = await db.all<TemplateRow>(
    'SELECT t.* FROM templates t WHERE version = (SELECT max(version) FROM templates WHERE id = t.id) ORDER BY t.id'
  )
  return rows.map(toSummary)
}

export async function preApproveTemplate(
  db: Db,
  id: string,
  version: number,
  by: string,
  nowMs: number
): Promise<void> {
  await db.run('UPDATE templates SET pre_approved_by = ?, pre_approved_ms = ? WHERE id = ? AND version = ?', [
    by,
    nowMs,
    id,
    version
  ])
}
