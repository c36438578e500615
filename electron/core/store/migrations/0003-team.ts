// v3: the crisis team. Accounts and sessions; incidents gain severity, tracking, a time
// zone, a lead and an event timeline; the response queue with its history.
export const migration0003 = {
  version: 3,
  name: 'team: users, sessions, incident details and timeline, response queue',
  sql: `
    CREATE TABLE users (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE COLLATE NOCASE,
      password_hash TEXT NOT NULL,          -- scrypt$N$r$p$salt$hash
      roles TEXT NOT NULL,                  -- JSON array of role names
      created_ms INTEGER NOT NULL,
      failed_logins INTEGER NOT NULL DEFAULT 0,
      locked_until_ms INTEGER NOT NULL DEFAULT 0,
      disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1))
    ) STRICT;

    CREATE TABLE sessions (
      token_hash TEXT PRIMARY KEY,          -- sha256 of the bearer token; the token itself is never stored
      user_id INTEGER NOT NULL REFERENCES users (id),
      created_ms INTEGER NOT NULL,
      expires_ms INTEGER NOT NULL,
      revoked_ms INTEGER
    ) STRICT;
    CREATE INDEX sessions_user ON sessions (user_id);

    ALTER TABLE incidents ADD COLUMN severity TEXT NOT NULL DEFAULT 'SEV3' CHECK (severity IN ('SEV1', 'SEV2', 'SEV3', 'SEV4'));
    ALTER TABLE incidents ADD COLUMN keywords TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE incidents ADD COLUMN channels TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE incidents ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC';
    ALTER TABLE incidents ADD COLUMN lead_user_id INTEGER REFERENCES users (id);
    ALTER TABLE incidents ADD COLUMN on_wall INTEGER NOT NULL DEFAULT 0 CHECK (on_wall IN (0, 1));
    ALTER TABLE incidents ADD COLUMN sla_minutes TEXT;  -- JSON {"SEV1": 15, ...} overriding the defaults

    CREATE TABLE incident_events (
      id INTEGER PRIMARY KEY,
      incident_id INTEGER NOT NULL REFERENCES incidents (id),
      at_ms INTEGER NOT NULL,               -- when it was recorded
      occurred_ms INTEGER NOT NULL,         -- when it happened (may be earlier, for entries added later)
      actor TEXT NOT NULL,                  -- who, as a display name
      type TEXT NOT NULL,
      data TEXT NOT NULL DEFAULT '{}'
    ) STRICT;
    CREATE INDEX incident_events_incident ON incident_events (incident_id, occurred_ms);

    CREATE TABLE queue_items (
      mention_seq INTEGER PRIMARY KEY REFERENCES mentions (seq),
      arrival_ms INTEGER NOT NULL,
      status TEXT NOT NULL DEFAULT 'open'
        CHECK (status IN ('open', 'replied', 'duplicate', 'no_action', 'troll', 'escalated')),
      claimed_by INTEGER REFERENCES users (id),
      claimed_by_name TEXT,
      claimed_ms INTEGER,
      assignee_user INTEGER REFERENCES users (id),
      assignee_role TEXT,
      escalated_to TEXT,
      reach REAL NOT NULL,
      negativity REAL NOT NULL,
      urgency REAL NOT NULL,
      question REAL NOT NULL,
      rank REAL NOT NULL,                   -- time-invariant ordering key, see shared/priority.ts
      handled_ms INTEGER,
      version INTEGER NOT NULL DEFAULT 1
    ) STRICT;
    CREATE INDEX queue_by_rank ON queue_items (status, rank DESC);
    -- "needs a human" (the default view) walks this in order: no sort over a million rows
    CREATE INDEX queue_active_by_rank ON queue_items (rank DESC) WHERE status IN ('open', 'escalated');
    CREATE INDEX queue_by_claimer ON queue_items (claimed_by) WHERE claimed_by IS NOT NULL;

    CREATE TABLE queue_events (
      id INTEGER PRIMARY KEY,
      mention_seq INTEGER NOT NULL REFERENCES mentions (seq),
      at_ms INTEGER NOT NULL,
      actor TEXT NOT NULL,
      type TEXT NOT NULL,
      data TEXT NOT NULL DEFAULT '{}'
    ) STRICT;
    CREATE INDEX queue_events_mention ON queue_events (mention_seq, id);

    CREATE INDEX mentions_author ON mentions (author_handle, channel);

    -- every mention already stored joins the queue
    INSERT INTO queue_items (mention_seq, arrival_ms, reach, negativity, urgency, question, rank)
      SELECT seq, received_ms, 1, 1, 1, 1, 0 FROM mentions;
  `
}
