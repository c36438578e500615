// v8: the post-incident review's call-centre estimate: its two factors (the share of people
// answered on social who would otherwise have called, and the cost of a call) are set per
// incident, as JSON {callShare, costPerCall, currency}; NULL until someone sets them.
export const migration0008 = {
  version: 8,
  name: 'review: call-centre estimate factors per incident',
  sql: `ALTER TABLE incidents ADD COLUMN review_factors TEXT;`
}
