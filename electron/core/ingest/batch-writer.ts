// Group commit: everything submitted while a transaction is running goes into the next
// one. Under load batches grow by themselves (DESIGN 6: one statement per few thousand
// rows); when idle a single mention commits at once. Each submit resolves only after
// its commit, which is what lets ingest hold the MQTT acknowledgement until then.
import type { Db } from '../store/db'
import { insertMentions, type InsertedMentions, type MentionRow } from '../store/mentions-repo'
import { insertDeadLetters, type DeadLetterRow } from '../store/dead-letters-repo'
import { enqueueMentions } from '../queue/queue-repo'

export interface CommittedBatch extends InsertedMentions {
  submitted: number
  duplicates: number
  deadLetters: number
}

interface Pending {
  mentions: MentionRow[]
  deadLetters: DeadLetterRow[]
  waiters: { resolve: () => void; reject: (err: Error) => void }[]
}

export interface BatchWriterOptions {
  now?: () => number
  /** called after each commit, before the submitters are released */
  onCommit?: (batch: CommittedBatch) => void
}

export class BatchWriter {
  private pending: Pending = { mentions: [], deadLetters: [], waiters: [] }
  /** the transaction under way, if any */
  private flushing: Promise<void> | null = null
  private scheduled = false
  private closed = false
  private readonly now: () => number

  constructor(
    private readonly db: Db,
    private readonly options: BatchWriterOptions = {}
  ) {
    this.now = options.now ?? Date.now
  }

  /** Resolves once everything given is committed (mentions stored, dead letters recorded). */
  submit(mentions: readonly MentionRow[], deadLetters: readonly DeadLetterRow[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error('ingest is closed'))
    return new Promise((resolve, reject) => {
      this.pending.mentions.push(...mentions)
      this.pending.deadLetters.push(...deadLetters)
      this.pending.waiters.push({ resolve, reject })
      this.schedule()
    })
  }

  /** Stops taking new work and waits for what was submitted to commit. */
  async close(): Promise<void> {
    this.closed = true
    while (this.flushing || this.pending.waiters.length > 0) await (this.flushing ?? this.flush())
  }

  private schedule(): void {
    if (this.flushing || this.scheduled) return
    this.scheduled = true
    // setImmediate: gather everything that arrived in this turn of the event loop
    setImmediate(() => {
      this.scheduled = false
      void this.flush()
    })
  }

  private flush(): Promise<void> {
    if (this.flushing || this.pending.waiters.length === 0) return this.flushing ?? Promise.resolve()
    this.flushing = this.commit().finally(() => {
      this.flushing = null
      if (this.pending.waiters.length > 0) this.schedule()
    })
    return this.flushing
  }

  private async commit(): Promise<void> {
    const batch = this.pending
    this.pending = { mentions: [], deadLetters: [], waiters: [] }
    try {
      const receivedMs = this.now()
      const result = await this.db.transaction(async () => {
        const stored = await insertMentions(this.db, batch.mentions, receivedMs)
        await enqueueMentions(this.db, stored.inserted, receivedMs)
        await insertDeadLetters(this.db, batch.deadLetters, receivedMs)
        return stored
      })
      this.options.onCommit?.({
        ...result,
        submitted: batch.mentions.length,
        duplicates: batch.mentions.length - result.inserted.length,
        deadLetters: batch.deadLetters.length
      })
      for (const w of batch.waiters) w.resolve()
    } catch (err) {
      for (const w of batch.waiters) w.reject(err as Error)
    }
  }
}
