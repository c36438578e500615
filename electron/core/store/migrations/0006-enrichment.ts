// v6: what the analyzers say of each mention (language with a confidence, sentiment), and
// sentiment per minute for the wall. Enrichment runs after a mention is stored, so a NULL
// label means "not analyzed yet", and the partial index finds those quickly after a restart.
export const migration0006 = {
  version: 6,
  name: 'enrichment: detected language and sentiment per mention, sentiment per minute',
  sql: `
    ALTER TABLE mentions ADD COLUMN detected_lang TEXT;
    ALTER TABLE mentions ADD COLUMN lang_confidence REAL;
    ALTER TABLE mentions ADD COLUMN sentiment REAL;
    ALTER TABLE mentions ADD COLUMN sentiment_label TEXT CHECK (sentiment_label IN ('positive', 'neutral', 'negative'));
    CREATE INDEX mentions_unanalyzed ON mentions (seq) WHERE sentiment_label IS NULL;

    -- every mention with seq <= up_to_seq is analyzed (slices go in seq order); read with
    -- the per-minute counts in one transaction, it tells a console where its snapshot stands
    CREATE TABLE enrichment_progress (id INTEGER PRIMARY KEY CHECK (id = 1), up_to_seq INTEGER NOT NULL) STRICT;
    INSERT INTO enrichment_progress (id, up_to_seq) VALUES (1, 0);

    CREATE TABLE minute_sentiment (
      minute_ms INTEGER PRIMARY KEY,        -- the mentions' own minute, as minute_volume
      negative INTEGER NOT NULL DEFAULT 0,
      neutral INTEGER NOT NULL DEFAULT 0,
      positive INTEGER NOT NULL DEFAULT 0
    ) STRICT;
  `
}
