// v14: who changed which account, and how: added, other roles, a new password, unlocked,
// locked out, disabled, enabled. Kept for the admins and for the post-incident review.
export const migration0014 = {
  version: 14,
  name: 'the log of account changes',
  sql: `
    CREATE TABLE account_log (
      id INTEGER PRIMARY KEY,
      at_ms INTEGER NOT NULL,
      user_id INTEGER NOT NULL REFERENCES users (id),
      change TEXT NOT NULL,
      by TEXT NOT NULL,                     -- the member, "the local operator", "command line (...)" or "sign-in"
      detail TEXT                           -- e.g. the roles before and after
    ) STRICT;
  `
}
