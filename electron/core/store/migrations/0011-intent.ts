// v11: what the analyzers say of a mention beyond language and sentiment: its intent
// (question, complaint, praise, information), urgent cues and personal data in public,
// as JSON arrays ('[]' for none). The queue's factors are refined from them.
export const migration0011 = {
  version: 11,
  name: 'enrichment: intent, urgent cues and personal data per mention',
  sql: `
    ALTER TABLE mentions ADD COLUMN intent TEXT CHECK (intent IN ('question', 'complaint', 'praise', 'information'));
    ALTER TABLE mentions ADD COLUMN urgent TEXT;
    ALTER TABLE mentions ADD COLUMN personal TEXT;
  `
}
