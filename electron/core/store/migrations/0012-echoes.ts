// v12: duplicates and echoes. Each analyzed mention's echo key (analyze/echoes.ts), the
// first mention with that key (an original's echo_of is NULL), how many share it, and per
// minute how many mentions were originals: unique voices next to raw volume.
export const migration0012 = {
  version: 12,
  name: 'echoes: retweets and near-duplicates grouped, originals per minute',
  sql: `
    ALTER TABLE mentions ADD COLUMN echo_key TEXT;
    ALTER TABLE mentions ADD COLUMN echo_of INTEGER;
    CREATE TABLE echo_groups (
      key TEXT PRIMARY KEY,
      first_seq INTEGER NOT NULL,
      count INTEGER NOT NULL
    ) STRICT, WITHOUT ROWID;
    ALTER TABLE minute_sentiment ADD COLUMN originals INTEGER NOT NULL DEFAULT 0;
  `
}
