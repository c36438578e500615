// v17: a draft can be withdrawn (console issue). Before, the only way to drop a draft was
// to leave it, and it stayed in every approver's count; now it is withdrawn with who,
// when and why, and leaves every count.
export const migration0017 = {
  version: 17,
  name: 'statements: withdrawn drafts',
  sql: `
    ALTER TABLE statements ADD COLUMN withdrawn_ms INTEGER;
    ALTER TABLE statements ADD COLUMN withdrawn_by TEXT;
    ALTER TABLE statements ADD COLUMN withdraw_reason TEXT;
  `
}
