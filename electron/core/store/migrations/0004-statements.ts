// v4: holding statements (templates, statements, revisions, reviews) and the knowledge bank.
// Revisions are append-only: an edit is a new row, and a review binds to one revision, so
// an approval can never carry over to text its approver has not seen.
export const migration0004 = {
  version: 4,
  name: 'statements: templates, revisions, reviews; knowledge bank with FTS5',
  sql: `
    CREATE TABLE templates (
      id TEXT NOT NULL,
      version INTEGER NOT NULL,
      body TEXT NOT NULL,                   -- the template JSON (shared/statement-templates.ts)
      saved_by TEXT NOT NULL,
      saved_ms INTEGER NOT NULL,
      pre_approved_by TEXT,                 -- a lead who approved this version's wording in advance
      pre_approved_ms INTEGER,
      PRIMARY KEY (id, version)
    ) STRICT;

    CREATE TABLE statements (
      id INTEGER PRIMARY KEY,
      incident_id INTEGER NOT NULL REFERENCES incidents (id),
      title TEXT NOT NULL,
      template_id TEXT,
      template_version INTEGER,
      languages TEXT NOT NULL,              -- JSON array
      channels TEXT NOT NULL,               -- JSON array
      created_by TEXT NOT NULL,
      created_ms INTEGER NOT NULL,
      latest_revision INTEGER NOT NULL,
      approved_revision INTEGER,            -- the newest approved revision, what may go out
      approved_ms INTEGER,
      FOREIGN KEY (template_id, template_version) REFERENCES templates (id, version)
    ) STRICT;
    CREATE INDEX statements_incident ON statements (incident_id, id);
    CREATE INDEX statements_approved ON statements (incident_id, approved_ms) WHERE approved_ms IS NOT NULL;

    CREATE TABLE statement_revisions (
      statement_id INTEGER NOT NULL REFERENCES statements (id),
      number INTEGER NOT NULL,
      author TEXT NOT NULL,
      created_ms INTEGER NOT NULL,
      facts TEXT,                           -- JSON, null for free text
      edits TEXT NOT NULL DEFAULT '[]',     -- JSON: the hand edits over the rendered variants
      variants TEXT NOT NULL,               -- JSON: every variant with its rule check
      next_update_ms INTEGER NOT NULL,
      facts_only INTEGER NOT NULL CHECK (facts_only IN (0, 1)),
      pre_approved INTEGER NOT NULL CHECK (pre_approved IN (0, 1)),
      approved_ms INTEGER,
      PRIMARY KEY (statement_id, number)
    ) STRICT;

    CREATE TABLE statement_reviews (
      id INTEGER PRIMARY KEY,
      statement_id INTEGER NOT NULL,
      revision INTEGER NOT NULL,
      reviewer TEXT NOT NULL,
      roles TEXT NOT NULL,                  -- JSON: the reviewer's roles at the time
      decision TEXT NOT NULL CHECK (decision IN ('approve', 'reject')),
      reason TEXT,
      at_ms INTEGER NOT NULL,
      FOREIGN KEY (statement_id, revision) REFERENCES statement_revisions (statement_id, number),
      UNIQUE (statement_id, revision, reviewer)
    ) STRICT;

    CREATE TABLE knowledge_entries (
      id INTEGER PRIMARY KEY,
      lang TEXT NOT NULL,
      question TEXT NOT NULL,
      answer TEXT NOT NULL,
      created_by TEXT NOT NULL,
      created_ms INTEGER NOT NULL,
      source_seq INTEGER REFERENCES mentions (seq)
    ) STRICT;
    -- Stemmed in the engine per language (Snowball), so FTS5 matches inflected forms:
    -- "lennot" finds an entry about "lento". rowid = knowledge_entries.id.
    CREATE VIRTUAL TABLE knowledge_fts USING fts5 (lang UNINDEXED, question, answer, tokenize = 'unicode61 remove_diacritics 2');

    CREATE TABLE knowledge_uses (
      entry_id INTEGER NOT NULL REFERENCES knowledge_entries (id),
      mention_seq INTEGER NOT NULL REFERENCES mentions (seq),
      incident_id INTEGER REFERENCES incidents (id),
      actor TEXT NOT NULL,
      at_ms INTEGER NOT NULL,
      PRIMARY KEY (entry_id, mention_seq)
    ) STRICT;
    CREATE INDEX knowledge_uses_incident ON knowledge_uses (incident_id);
  `
}
