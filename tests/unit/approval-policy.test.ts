import { describe, expect, it } from 'vitest'
import {
  approvalState,
  awaitsApprovalFrom,
  LOCAL_CANNOT_APPROVE,
  refuseApprover,
  type ApprovalRecord,
  type RevisionInfo
} from '../../shared/approval-policy'

const rev = (number: number, author = 'pia', preApprovedFactsOnly = false): RevisionInfo => ({
  number,
  author,
  preApprovedFactsOnly
})
const lena = { name: 'lena', roles: ['lead'] as const }
const kim = { name: 'kim', roles: ['legal'] as const }
const approve = (who: { name: string; roles: readonly ('lead' | 'legal')[] }, revision: number): ApprovalRecord => ({
  revision,
  approver: who.name,
  roles: who.roles
})

describe('who may approve', () => {
  it('a lead or legal who did not write that revision, of the latest revision only', () => {
    expect(refuseApprover(lena, rev(2), 2, [])).toBeNull()
    expect(refuseApprover(lena, rev(1), 2, [])).toEqual({
      code: 'conflict',
      message: 'revision 1 is stale: the statement is at revision 2; review that one'
    })
    expect(refuseApprover(lena, rev(2, 'lena'), 2, [])).toEqual({
      code: 'forbidden',
      message: 'lena wrote revision 2; someone else must approve it'
    })
    expect(refuseApprover({ name: 'sam', roles: ['service', 'pr'] }, rev(2), 2, [])?.message).toBe(
      'approving needs the lead or legal role; sam has service, pr'
    )
    expect(refuseApprover(lena, rev(2), 2, [approve(lena, 2)])?.code).toBe('conflict')
  })

  it('never the unnamed local operator, whatever roles it holds: it drafts, a named member approves', () => {
    const operator = { name: 'local operator', roles: ['lead', 'legal', 'admin'] as const, kind: 'local' as const }
    expect(refuseApprover(operator, rev(2), 2, [])).toEqual({ code: 'forbidden', message: LOCAL_CANNOT_APPROVE })
    expect(refuseApprover({ ...lena, kind: 'user' }, rev(2), 2, [])).toBeNull()
    const waiting = { state: 'pending', author: 'pia', approvals: [], missing: [['lead'] as const] }
    expect(awaitsApprovalFrom(operator, waiting)).toBe(false)
    expect(awaitsApprovalFrom({ ...lena, kind: 'user' }, waiting)).toBe(true)
  })
})

describe('when a revision is approved', () => {
  it('SEV2–SEV4: one approval by a lead or legal', () => {
    expect(approvalState('SEV3', rev(1), [])).toEqual({ approved: false, missing: [['lead', 'legal']] })
    expect(approvalState('SEV3', rev(1), [approve(kim, 1)]).approved).toBe(true)
  })

  it('SEV1: the lead and legal, as two different people', () => {
    expect(approvalState('SEV1', rev(1), [approve(lena, 1)])).toEqual({ approved: false, missing: [['legal']] })
    expect(approvalState('SEV1', rev(1), [approve(lena, 1), approve(kim, 1)]).approved).toBe(true)
    const both = { name: 'max', roles: ['lead', 'legal'] as const }
    expect(approvalState('SEV1', rev(1), [approve(both, 1)]).approved).toBe(false) // one person fills one slot
    expect(approvalState('SEV1', rev(1), [approve(both, 1), approve(kim, 1)]).approved).toBe(true)
  })

  it('an edit voids earlier approvals: they bind to the revision they were given for', () => {
    expect(approvalState('SEV3', rev(2), [approve(kim, 1)]).approved).toBe(false)
  })

  it("never counts the author's own approval", () => {
    expect(approvalState('SEV3', rev(1, 'kim'), [approve(kim, 1)]).approved).toBe(false)
  })

  it('a lead-pre-approved template whose facts alone changed needs one approval, even at SEV1', () => {
    expect(approvalState('SEV1', rev(1, 'pia', true), [approve(kim, 1)]).approved).toBe(true)
  })
})
