// v5: the outbox and delivery ledger. A broadcast writes one delivery per channel and
// language in the same transaction as its timeline event; the dispatcher only ever sends
// what is here, and every state change is kept in delivery_events.
export const migration0005 = {
  version: 5,
  name: 'broadcast: outbox and delivery ledger',
  sql: `
    CREATE TABLE broadcasts (
      id INTEGER PRIMARY KEY,
      statement_id INTEGER NOT NULL REFERENCES statements (id),
      revision INTEGER NOT NULL,
      incident_id INTEGER NOT NULL REFERENCES incidents (id),
      actor TEXT NOT NULL,
      at_ms INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE deliveries (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('statement', 'reply')),
      broadcast_id INTEGER REFERENCES broadcasts (id),
      statement_id INTEGER REFERENCES statements (id),
      revision INTEGER,
      mention_seq INTEGER REFERENCES mentions (seq),
      channel TEXT NOT NULL,                -- the configured channel's id
      adapter TEXT NOT NULL,
      lang TEXT NOT NULL,
      payload TEXT NOT NULL,                -- JSON: what goes out (text, subject, thread)
      idempotency_key TEXT NOT NULL UNIQUE, -- the same on every attempt, so a retry never posts twice where the platform dedupes
      state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'accepted', 'confirmed', 'failed', 'cancelled', 'superseded')),
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_ms INTEGER,
      external_id TEXT,
      error TEXT,
      created_ms INTEGER NOT NULL,
      updated_ms INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX deliveries_due ON deliveries (next_attempt_ms) WHERE state = 'queued';
    CREATE INDEX deliveries_open ON deliveries (state) WHERE state IN ('sending', 'accepted');
    CREATE INDEX deliveries_statement ON deliveries (statement_id, id);
    CREATE INDEX deliveries_channel ON deliveries (channel, id) WHERE kind = 'statement';

    CREATE TABLE delivery_events (
      id INTEGER PRIMARY KEY,
      delivery_id INTEGER NOT NULL REFERENCES deliveries (id),
      at_ms INTEGER NOT NULL,
      state TEXT NOT NULL,
      detail TEXT
    ) STRICT;
    CREATE INDEX delivery_events_delivery ON delivery_events (delivery_id, id);
  `
}
