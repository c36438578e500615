// v10: RSS/Atom feeds the engine polls (Google Alerts, news and blog feeds), with what a
// conditional GET needs (ETag, Last-Modified) and how the last poll went.
export const migration0010 = {
  version: 10,
  name: 'feeds: RSS/Atom sources polled with conditional GET',
  sql: `
    CREATE TABLE feeds (
      id INTEGER PRIMARY KEY,
      url TEXT NOT NULL UNIQUE,
      channel TEXT NOT NULL,                -- what its items count as: news, blog, forum, other
      interval_s INTEGER NOT NULL,
      added_by TEXT NOT NULL,
      added_ms INTEGER NOT NULL,
      etag TEXT,
      last_modified TEXT,
      last_polled_ms INTEGER,
      last_status TEXT,                     -- e.g. "200: 12 items", "304: not modified", "failed"
      last_error TEXT,
      items_seen INTEGER NOT NULL DEFAULT 0
    ) STRICT;
  `
}
