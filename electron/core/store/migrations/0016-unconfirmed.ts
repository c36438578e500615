// v16: a delivery the gateway never confirmed says so (issue 21). 'accepted' meant "the
// broker took it" and stayed so forever when no receipt came; now a delivery waits for its
// receipt until receipt_due_ms, is sent again (resends counts how often), and then becomes
// 'unconfirmed' with the reason in words. SQLite can't change a CHECK in place, so the
// table is rebuilt (runner: foreign keys off, checked before commit).
export const migration0016 = {
  version: 16,
  name: "deliveries: 'unconfirmed', the receipt's due time and resends",
  foreignKeysOff: true,
  sql: `
    CREATE TABLE deliveries_v16 (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('statement', 'reply')),
      broadcast_id INTEGER REFERENCES broadcasts (id),
      statement_id INTEGER REFERENCES statements (id),
      revision INTEGER,
      mention_seq INTEGER REFERENCES mentions (seq),
      channel TEXT NOT NULL,
      adapter TEXT NOT NULL,
      lang TEXT NOT NULL,
      payload TEXT NOT NULL,
      idempotency_key TEXT NOT NULL UNIQUE,
      state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'accepted', 'confirmed', 'unconfirmed', 'failed', 'cancelled', 'superseded')),
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_ms INTEGER,
      external_id TEXT,
      error TEXT,
      created_ms INTEGER NOT NULL,
      updated_ms INTEGER NOT NULL,
      receipt_due_ms INTEGER,               -- accepted without a receipt: when to send again or give up
      resends INTEGER NOT NULL DEFAULT 0    -- how often it went again for want of a receipt
    ) STRICT;
    INSERT INTO deliveries_v16 (id, kind, broadcast_id, statement_id, revision, mention_seq, channel, adapter, lang, payload, idempotency_key, state, attempts, next_attempt_ms, external_id, error, created_ms, updated_ms)
      SELECT id, kind, broadcast_id, statement_id, revision, mention_seq, channel, adapter, lang, payload, idempotency_key, state, attempts, next_attempt_ms, external_id, error, created_ms, updated_ms FROM deliveries;
    DROP TABLE deliveries;
    ALTER TABLE deliveries_v16 RENAME TO deliveries;
    CREATE INDEX deliveries_due ON deliveries (next_attempt_ms) WHERE state = 'queued';
    CREATE INDEX deliveries_open ON deliveries (state) WHERE state IN ('sending', 'accepted');
    CREATE INDEX deliveries_statement ON deliveries (statement_id, id);
    CREATE INDEX deliveries_channel ON deliveries (channel, id) WHERE kind = 'statement';
    CREATE INDEX deliveries_receipt_due ON deliveries (receipt_due_ms) WHERE state = 'accepted';
    -- accepted before this version: their receipt is due from now on, with the default window
    UPDATE deliveries SET receipt_due_ms = CAST(unixepoch('subsec') * 1000 AS INTEGER) + 120000 WHERE state = 'accepted';
  `
}
