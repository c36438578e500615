// Who may approve a holding statement, and when it counts as approved (statements issue,
// item 4). An approval binds to one revision: any edit makes a new revision that needs
// approving again. Pure and shared: the engine enforces it, the UI explains it.
import type { Role, Severity } from './team'

/** Why the local operator's approve is refused, for the API and the console alike. */
export const LOCAL_CANNOT_APPROVE =
  'approvals come from named members signed in as themselves: the local operator may draft, but sign in to approve'

/** Roles that may approve at all. */
export const APPROVER_ROLES: readonly Role[] = ['lead', 'legal']

/**
 * Per severity, the approvals needed: each entry is one approval, by a different person,
 * holding one of the roles listed. SEV1 needs the lead and legal; the rest one of them.
 */
export const APPROVAL_POLICY: Record<Severity, readonly (readonly Role[])[]> = {
  SEV1: [['lead'], ['legal']],
  SEV2: [['lead', 'legal']],
  SEV3: [['lead', 'legal']],
  SEV4: [['lead', 'legal']]
}

export interface RevisionInfo {
  number: number
  /** who wrote this revision */
  author: string
  /** true when it differs from a lead-pre-approved template only in its facts */
  preApprovedFactsOnly: boolean
}

export interface ApprovalRecord {
  revision: number
  approver: string
  roles: readonly Role[]
}

export type ApproverRefusal =
  | { code: 'conflict'; message: string } // stale revision, already approved by them
  | { code: 'forbidden'; message: string } // their own revision, or no approving role

/** Can `approver` approve revision `rev` now? null when yes, else why not. */
export function refuseApprover(
  approver: { name: string; roles: readonly Role[]; kind?: 'user' | 'local' | 'wall' },
  rev: RevisionInfo,
  latest: number,
  approvals: readonly ApprovalRecord[]
): ApproverRefusal | null {
  // the unnamed operator of a loopback console is whoever sits at the war-room machine: an
  // approval must name the person who gives it, so it drafts but never approves
  if (approver.kind !== undefined && approver.kind !== 'user')
    return { code: 'forbidden', message: LOCAL_CANNOT_APPROVE }
  if (rev.number !== latest)
    return {
      code: 'conflict',
      message: `revision ${rev.number} is stale: the statement is at revision ${latest}; review that one`
    }
  if (rev.author === approver.name)
    return { code: 'forbidden', message: `${approver.name} wrote revision ${rev.number}; someone else must approve it` }
  if (!approver.roles.some((r) => APPROVER_ROLES.includes(r)))
    return {
      code: 'forbidden',
      message: `approving needs the lead or legal role; ${approver.name} has ${approver.roles.join(', ') || 'none'}`
    }
  if (approvals.some((a) => a.revision === rev.number && a.approver === approver.name))
    return { code: 'conflict', message: `${approver.name} has already approved revision ${rev.number}` }
  return null
}

/** The approvals this revision needs under its severity (one, for a pre-approved template whose facts alone changed). */
export function requiredApprovals(severity: Severity, rev: RevisionInfo): readonly (readonly Role[])[] {
  return rev.preApprovedFactsOnly ? [APPROVER_ROLES] : APPROVAL_POLICY[severity]
}

/**
 * Whether the approvals given for `rev` (others are ignored: they bind to other revisions)
 * fill every required slot with a different person; and what is still missing.
 */
export function approvalState(
  severity: Severity,
  rev: RevisionInfo,
  approvals: readonly ApprovalRecord[]
): { approved: boolean; missing: (readonly Role[])[] } {
  const slots = requiredApprovals(severity, rev)
  const mine = approvals.filter((a) => a.revision === rev.number && a.approver !== rev.author)
  // small exhaustive matching (two slots at most): the best assignment of people to slots
  let best: (readonly Role[])[] = [...slots]
  const assign = (i: number, used: Set<string>, missing: (readonly Role[])[]) => {
    if (i === slots.length) {
      if (missing.length < best.length) best = missing
      return
    }
    for (const a of mine) {
      if (!used.has(a.approver) && a.roles.some((r) => slots[i].includes(r)))
        assign(i + 1, new Set([...used, a.approver]), missing)
    }
    assign(i + 1, used, [...missing, slots[i]])
  }
  assign(0, new Set(), [])
  return { approved: best.length === 0, missing: best }
}

/**
 * Whether this member could give the approval a revision still needs: it is pending, not
 * theirs, not yet approved by them, and they hold a role one of the missing slots takes.
 * The console counts such statements on its Statements tab and may notify of them.
 */
export function awaitsApprovalFrom(
  me: { name: string; roles: readonly string[]; kind?: string },
  rev: {
    state: string
    author: string
    approvals: readonly { approver: string }[]
    missing: readonly (readonly Role[])[]
  }
): boolean {
  return (
    (me.kind === undefined || me.kind === 'user') &&
    rev.state === 'pending' &&
    rev.author !== me.name &&
    !rev.approvals.some((a) => a.approver === me.name) &&
    rev.missing.some((slot) => slot.some((r) => me.roles.includes(r)))
  )
}
