// v13: per-incident tracking rules (a topic and a query, optionally for one language) and
// the topics each analyzed mention matched.
export const migration0013 = {
  version: 13,
  name: 'tracking rules per incident, and the topics mentions matched',
  sql: `
    CREATE TABLE tracking_rules (
      id INTEGER PRIMARY KEY,
      incident_id INTEGER NOT NULL REFERENCES incidents (id),
      topic TEXT NOT NULL,
      query TEXT NOT NULL,
      lang TEXT,                            -- only mentions in this language; NULL: any
      created_by TEXT NOT NULL,
      created_ms INTEGER NOT NULL,
      removed_ms INTEGER
    ) STRICT;
    CREATE TABLE mention_topics (
      mention_seq INTEGER NOT NULL REFERENCES mentions (seq),
      rule_id INTEGER NOT NULL REFERENCES tracking_rules (id),
      PRIMARY KEY (rule_id, mention_seq)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX mention_topics_mention ON mention_topics (mention_seq);
  `
}
