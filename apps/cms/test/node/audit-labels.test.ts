/**
 * The audit page names actions in words ("API token created"), not codes: every action in
 * `AUDIT_ACTIONS` has a label of its own, so a new action cannot reach the page (or its filter) as a bare
 * code, and no two actions read the same.
 */
import { describe, expect, it } from 'vitest'
import { AUDIT_ACTIONS } from '../../src/domain/audit-actions'
import { auditActionLabel } from '../../src/domain/audit-labels'

describe('the audit action labels', () => {
  it('give every audit action a label in words, never its code', () => {
    const missing = AUDIT_ACTIONS.filter((a) => {
      const label = auditActionLabel(a)
      return label === a || !/^[A-Z][^.]*[a-z)]$/.test(label)
    })
    expect(missing).toEqual([])
  })

  it('tell every two actions apart', () => {
    const labels = AUDIT_ACTIONS.map((a) => auditActionLabel(a))
    expect(labels.length).toBe(new Set(labels).size)
  })

  it('name a token creation the way a person would', () => {
    expect(auditActionLabel('tokens.create')).toBe('API token created')
  })

  it('show an unknown code (an entry older than its label) as the code itself', () => {
    expect(auditActionLabel('retired.action')).toBe('retired.action')
  })
})
