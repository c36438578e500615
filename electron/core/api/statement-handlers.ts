// Holding statements: templates (versioned, pre-approvable), drafting from a template's facts
// or free text, revisions, approvals and rejections. Every step checks, applies and lands on
// the incident's timeline in one transaction, then reaches every console and wall.
import { refuseApprover, approvalState } from '../../../shared/approval-policy'
import type { OutboundChannel } from '../../../shared/channel-rules'
import type { StatementTemplate } from '../../../shared/statement-templates'
import {
  approvalBlockers,
  composeRevision,
  NEXT_UPDATE_FACT,
  type RevisionContent,
  type Statement,
  type VariantEdit
} from '../../../shared/statements'
import type { Actor, Incident } from '../../../shared/team'
import { refuse } from './api-failure'
import type { HandlerContext, Handlers } from './context'
import { addIncidentEvent, getIncident } from '../store/incidents-repo'
import type { Db } from '../store/db'
import {
  getTemplate,
  insertTemplate,
  listTemplates,
  nextVersion,
  preApproveTemplate
} from '../statements/templates-repo'
import {
  getRevisionRow,
  getStatementRow,
  insertReview,
  insertRevision,
  insertStatement,
  listStatementRows,
  loadStatement,
  markApproved,
  markWithdrawn,
  revisionEdits,
  allRevisions,
  wallStatement,
  type RevisionRow,
  type StatementRow
} from '../statements/statements-repo'

/** Edits keyed by variant: later ones replace earlier ones for the same channel and language. */
const mergeEdits = (base: readonly VariantEdit[], changes: readonly VariantEdit[] = []): VariantEdit[] => {
  const key = (e: VariantEdit) => `${e.channel}\u0000${e.lang}`
  const merged = new Map(base.map((e) => [key(e), e]))
  for (const e of changes) merged.set(key(e), e)
  return [...merged.values()]
}

const composed = (content: RevisionContent) => {
  const c = composeRevision(content)
  if (!c.ok) refuse('bad_request', c.problems.join('; '))
  return (c as Extract<typeof c, { ok: true }>).value
}

export function statementHandlers(
  ctx: HandlerContext
): Handlers<
  | 'listTemplates'
  | 'saveTemplate'
  | 'preApproveTemplate'
  | 'listStatements'
  | 'getStatement'
  | 'createStatement'
  | 'reviseStatement'
  | 'approveStatement'
  | 'rejectStatement'
  | 'withdrawStatement'
> {
  const { writerDb, readDb } = ctx

  const incidentOf = async (db: Db, id: number): Promise<Incident> =>
    (await getIncident(db, id)) ?? refuse('not_found', `no incident ${id}`)
  const statementOf = async (db: Db, id: number): Promise<StatementRow> =>
    (await getStatementRow(db, id)) ?? refuse('not_found', `no statement ${id}`)
  const templateOf = async (
    db: Db,
    id: string,
    version?: number
  ): Promise<StatementTemplate & { preApproved: boolean }> => {
    const t =
      (await getTemplate(db, id, version)) ??
      refuse('not_found', version ? `no template ${id} version ${version}` : `no template "${id}"`)
    return { ...t.template, preApproved: t.preApproved !== null }
  }

  /** Runs `work` in one write transaction, then pushes the statement (and the wall's words) to every console. */
  async function changeStatement(work: () => Promise<number>): Promise<Statement> {
    const { statement, wall } = await writerDb.transaction(async () => {
      const id = await work()
      const row = (await getStatementRow(writerDb, id))!
      const incident = (await getIncident(writerDb, row.incident_id))!
      return {
        statement: await loadStatement(writerDb, row, incident.severity),
        wall: await wallStatement(writerDb, row.incident_id)
      }
    })
    ctx.emit({ type: 'statement', statement, wall })
    return statement
  }

  const timeline = (incidentId: number, actor: Actor, type: string, data: Record<string, unknown>) =>
    addIncidentEvent(writerDb, { incidentId, actor: actor.name, type, data }, ctx.now())

  /** The latest revision, or a 409 naming it when the caller worked from an older one. */
  async function latestRevision(row: StatementRow, revision: number): Promise<RevisionRow> {
    if (row.withdrawn_ms !== null)
      refuse('conflict', `statement ${row.id} was withdrawn by ${row.withdrawn_by}: ${row.withdraw_reason}`)
    if (revision !== row.latest_revision)
      refuse(
        'conflict',
        `revision ${revision} is stale: statement ${row.id} is at revision ${row.latest_revision}; review that one`
      )
    return (await getRevisionRow(writerDb, row.id, revision))!
  }

  return {
    listTemplates: () => listTemplates(readDb),
    async saveTemplate(t, { actor }) {
      await writerDb.transaction(async () => {
        const next = await nextVersion(writerDb, t.id)
        if (t.version !== next)
          refuse(
            'conflict',
            `template ${t.id}: version ${t.version} can't be saved; the next version is ${next} (someone may have saved one since you started)`
          )
        await insertTemplate(writerDb, t, actor.name, ctx.now())
      })
      return (await getTemplate(readDb, t.id, t.version))!
    },
    async preApproveTemplate({ id, version }, { actor }) {
      await writerDb.transaction(async () => {
        const t =
          (await getTemplate(writerDb, id, version)) ?? refuse('not_found', `no template ${id} version ${version}`)
        if (t.preApproved)
          refuse('conflict', `template ${id} version ${version} was pre-approved by ${t.preApproved.by}`)
        await preApproveTemplate(writerDb, id, version, actor.name, ctx.now())
      })
      return (await getTemplate(readDb, id, version))!
    },

    async listStatements({ incident }) {
      const i = await incidentOf(readDb, incident)
      return readDb.transaction(
        async () =>
          Promise.all((await listStatementRows(readDb, incident)).map((r) => loadStatement(readDb, r, i.severity))),
        'DEFERRED'
      )
    },
    async getStatement({ id }) {
      return readDb.transaction(async () => {
        const row = await statementOf(readDb, id)
        const incident = await incidentOf(readDb, row.incident_id)
        return {
          statement: await loadStatement(readDb, row, incident.severity),
          revisions: await allRevisions(readDb, id, incident.severity)
        }
      }, 'DEFERRED')
    },

    createStatement: (p, { actor }) =>
      changeStatement(async () => {
        const incident = await incidentOf(writerDb, p.incident)
        if (incident.resolvedAt)
          refuse('conflict', `incident ${incident.id} is resolved; reopen it to issue a statement`)
        let content: RevisionContent
        let template: (StatementTemplate & { preApproved: boolean }) | null = null
        if (p.template !== undefined) {
          template = await templateOf(writerDb, p.template, p.templateVersion)
          content = {
            mode: 'template',
            template,
            facts: p.facts ?? {},
            languages: p.language ?? [],
            channels: p.channels ?? [],
            edits: p.edits,
            nextUpdateAt: p.nextUpdateAt
          }
        } else {
          if (p.edits.length) refuse('bad_request', 'edits: free-text statements give their texts, not edits')
          content = { mode: 'free', variants: p.texts ?? [], nextUpdateAt: p.nextUpdateAt }
        }
        const c = composed(content)
        const languages = [...new Set(c.variants.map((v) => v.lang))]
        const channels = [...new Set(c.variants.map((v) => v.channel))] as OutboundChannel[]
        const id = await insertStatement(
          writerDb,
          {
            incidentId: incident.id,
            title: p.title ?? template?.name ?? 'Statement',
            template: template ? { id: template.id, version: template.version } : null,
            languages,
            channels,
            createdBy: actor.name
          },
          ctx.now()
        )
        await insertRevision(
          writerDb,
          {
            statementId: id,
            number: 1,
            author: actor.name,
            facts: c.facts,
            edits: content.mode === 'template' ? content.edits : content.variants,
            variants: c.variants,
            nextUpdateMs: Date.parse(c.nextUpdateAt),
            factsOnly: template !== null && c.factsOnly,
            preApproved: template?.preApproved ?? false
          },
          ctx.now()
        )
        await timeline(incident.id, actor, 'statement.drafted', {
          statement: id,
          revision: 1,
          title: p.title ?? template?.name ?? 'Statement',
          template: template ? `${template.id}@${template.version}` : null,
          languages,
          channels
        })
        return id
      }),

    reviseStatement: (p, { actor }) =>
      changeStatement(async () => {
        const row = await statementOf(writerDb, p.id)
        const base = await latestRevision(row, p.revision)
        const incident = await incidentOf(writerDb, row.incident_id)
        if (incident.resolvedAt)
          refuse('conflict', `incident ${incident.id} is resolved; reopen it to change a statement`)
        let content: RevisionContent
        let preApproved = false
        const keepPromise = new Date(base.next_update_ms).toISOString()
        if (row.template_id !== null) {
          if (p.texts)
            refuse('bad_request', 'texts: this statement is rendered from a template; change its facts or give edits')
          const template = await templateOf(writerDb, row.template_id, row.template_version ?? undefined)
          preApproved = template.preApproved
          const hasPromiseFact = template.facts.some((f) => f.name === NEXT_UPDATE_FACT)
          content = {
            mode: 'template',
            template,
            facts: p.facts ?? (base.facts ? JSON.parse(base.facts) : {}),
            languages: JSON.parse(row.languages),
            channels: JSON.parse(row.channels),
            edits: mergeEdits(revisionEdits(base), p.edits),
            nextUpdateAt: p.nextUpdateAt ?? (hasPromiseFact ? undefined : keepPromise)
          }
        } else {
          if (p.facts || p.edits) refuse('bad_request', 'facts: a free-text statement has no facts; give its texts')
          content = {
            mode: 'free',
            variants: mergeEdits(revisionEdits(base), p.texts),
            nextUpdateAt: p.nextUpdateAt ?? keepPromise
          }
        }
        const c = composed(content)
        const same =
          JSON.stringify(c.variants) === base.variants &&
          Date.parse(c.nextUpdateAt) === base.next_update_ms &&
          JSON.stringify(c.facts) === (base.facts ?? 'null')
        if (same) refuse('bad_request', `nothing changed from revision ${base.number}`)
        const number = base.number + 1
        await insertRevision(
          writerDb,
          {
            statementId: row.id,
            number,
            author: actor.name,
            facts: c.facts,
            edits: content.mode === 'template' ? content.edits : content.variants,
            variants: c.variants,
            nextUpdateMs: Date.parse(c.nextUpdateAt),
            factsOnly: content.mode === 'template' && c.factsOnly,
            preApproved
          },
          ctx.now()
        )
        await timeline(row.incident_id, actor, 'statement.revised', {
          statement: row.id,
          revision: number,
          title: row.title
        })
        return row.id
      }),

    approveStatement: ({ id, revision }, { actor }) =>
      changeStatement(async () => {
        const row = await statementOf(writerDb, id)
        const rev = await latestRevision(row, revision)
        const incident = await incidentOf(writerDb, row.incident_id)
        const before = (await loadStatement(writerDb, row, incident.severity)).latest
        if (before.state === 'approved') refuse('conflict', `revision ${revision} is already approved`)
        if (before.state === 'rejected')
          refuse(
            'conflict',
            `revision ${revision} was rejected by ${before.rejection?.by}: ${before.rejection?.reason}; revise it first`
          )
        const approvals = before.approvals.map((a) => ({ revision, approver: a.approver, roles: a.roles }))
        const info = { number: revision, author: rev.author, preApprovedFactsOnly: before.preApprovedFactsOnly }
        const refusal = refuseApprover(
          { name: actor.name, roles: actor.roles, kind: actor.kind },
          info,
          row.latest_revision,
          approvals
        )
        if (refusal) refuse(refusal.code, refusal.message)
        const blockers = approvalBlockers(before.variants)
        if (blockers.length)
          refuse(
            'bad_request',
            `variants: revision ${revision} can't be approved until it is fixed: ${blockers.join('; ')}`
          )
        await insertReview(writerDb, id, revision, actor.name, actor.roles, 'approve', null, ctx.now())
        const state = approvalState(incident.severity, info, [
          ...approvals,
          { revision, approver: actor.name, roles: actor.roles }
        ])
        if (state.approved) await markApproved(writerDb, id, revision, ctx.now())
        await timeline(row.incident_id, actor, state.approved ? 'statement.approved' : 'statement.approval', {
          statement: id,
          revision,
          title: row.title,
          nextUpdateAt: new Date(rev.next_update_ms).toISOString(),
          ...(state.approved ? {} : { stillNeeded: state.missing.map((m) => m.join(' or ')) })
        })
        return id
      }),

    withdrawStatement: ({ id, reason }, { actor }) =>
      changeStatement(async () => {
        const row = await statementOf(writerDb, id)
        if (row.withdrawn_ms !== null)
          refuse('conflict', `statement ${id} was already withdrawn by ${row.withdrawn_by}`)
        // approved words may have gone out: a newer statement replaces them, nothing unsays them
        if (row.approved_revision !== null)
          refuse(
            'conflict',
            `statement ${id} has an approved revision (${row.approved_revision}); draft a new statement to replace it`
          )
        await markWithdrawn(writerDb, id, actor.name, reason, ctx.now())
        await timeline(row.incident_id, actor, 'statement.withdrawn', {
          statement: id,
          revision: row.latest_revision,
          title: row.title,
          reason
        })
        return id
      }),

    rejectStatement: ({ id, revision, reason }, { actor }) =>
      changeStatement(async () => {
        const row = await statementOf(writerDb, id)
        await latestRevision(row, revision)
        const incident = await incidentOf(writerDb, row.incident_id)
        const before = (await loadStatement(writerDb, row, incident.severity)).latest
        if (before.state !== 'pending') refuse('conflict', `revision ${revision} is already ${before.state}`)
        // an author who holds lead or legal may reject (withdraw) their own draft; approving it is another matter
        await insertReview(writerDb, id, revision, actor.name, actor.roles, 'reject', reason, ctx.now())
        await timeline(row.incident_id, actor, 'statement.rejected', {
          statement: id,
          revision,
          title: row.title,
          reason
        })
        return id
      })
  }
}
