// v15: two partial indexes for the queue, each holding only the few rows it is for.
// - An original's echoes (retweets, copies), which the queue closes in one go: originals,
//   most mentions, are not in it.
// - Waiting items assigned to someone or to a role, by rank: every console counts its own
//   ("for me") on each queue change, which would otherwise read every waiting item.
export const migration0015 = {
  version: 15,
  name: 'indexes of echoes by their original, and of assigned waiting items by rank',
  sql: `
    CREATE INDEX mentions_echo_of ON mentions (echo_of) WHERE echo_of IS NOT NULL;
    CREATE INDEX queue_assigned_by_rank ON queue_items (rank DESC)
      WHERE status IN ('open', 'escalated') AND (assignee_user IS NOT NULL OR assignee_role IS NOT NULL);
  `
}
