// Sends what the outbox holds. Each delivery runs on its own (a slow or failing channel
// never holds up the others), retries only what the platform says may pass later, with
// exponential backoff and jitter, and survives a crash: on start, a delivery caught
// mid-send is sent again where the receiver dedupes on its key, and otherwise failed with
// a message saying so, for a person to check. Nothing is ever posted twice blindly.
import type { Delivery } from '../../../shared/broadcast'
import type { Logger } from '../logger'
import type { Db } from '../store/db'
import type { Adapter, SendOutcome } from './adapters/adapter'
import { CoalescedRunner } from '../coalesced-runner'
import {
  dueDeliveries,
  getDeliveryRow,
  interruptedDeliveries,
  nextDueMs,
  outboundMessage,
  receiptsOverdue,
  toDelivery,
  transition,
  type DeliveryRow
} from './ledger-repo'

/** How long a channel's gateway has for its receipt, and how often it is sent again without one. */
export type ReceiptPolicy = { windowMs: number; resends: number }
const NO_RECEIPTS: ReceiptPolicy = { windowMs: 120_000, resends: 4 }

/** "10 minutes", "90 seconds": a window in words for the ledger. */
export function inWords(ms: number): string {
  const s = Math.round(ms / 1000)
  if (s === 1) return '1 second'
  if (s % 60 !== 0 || s < 60) return `${s} seconds`
  return s === 60 ? '1 minute' : `${s / 60} minutes`
}

export interface RetryPolicy {
  maxAttempts: number
  baseMs: number
  maxMs: number
  /** an HTTP send taking longer than this is abandoned and retried */
  sendTimeoutMs: number
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 8, baseMs: 2000, maxMs: 5 * 60_000, sendTimeoutMs: 30_000 }

/** Exponential backoff with jitter (50-100% of the step), so retries of many deliveries spread out. */
export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const step = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1))
  return Math.round(step * (0.5 + random() / 2))
}

export class Dispatcher {
  private readonly inFlight = new Set<number>()
  private timer: NodeJS.Timeout | null = null
  private readonly pumper = new CoalescedRunner(
    () => this.pump(),
    (err) => this.log.error(`dispatcher: ${err.message}`)
  )
  private stopped = false
  private readonly running = new Set<Promise<void>>()

  constructor(
    private readonly db: Db,
    private readonly adapterFor: (channel: string) => Adapter | undefined,
    private readonly now: () => number,
    private readonly onChange: (d: Delivery) => void,
    private readonly log: Logger,
    private readonly policy: RetryPolicy = DEFAULT_RETRY,
    /** true once the store is closed: a late outcome is then left for the next start */
    private readonly closed: () => boolean = () => false,
    private readonly receiptFor: (channel: string) => ReceiptPolicy = () => NO_RECEIPTS
  ) {}

  /** Settles deliveries a crash caught mid-send, then starts sending. */
  async start(): Promise<void> {
    const changed = await this.db.transaction(async () => {
      const ids: number[] = []
      for (const r of await interruptedDeliveries(this.db)) {
        const adapter = this.adapterFor(r.channel)
        if (adapter?.idempotent) {
          await transition(this.db, r.id, ['sending'], 'queued', this.now(), {
            nextAttemptMs: this.now(),
            detail: 'interrupted by a restart; sending again (the receiver dedupes on the delivery key)'
          })
        } else {
          const error =
            'interrupted by a restart while sending: the platform may or may not have it. Check the channel, then retry by hand if it is missing.'
          await transition(this.db, r.id, ['sending'], 'failed', this.now(), { error })
        }
        ids.push(r.id)
      }
      return ids
    })
    for (const id of changed) await this.announce(id)
    this.kick()
  }

  /** Looks for due deliveries now (after a broadcast, a retry, or a reconnect). */
  kick(): void {
    this.pumper.kick()
  }

  private async pump(): Promise<void> {
    await this.chaseReceipts()
    const due = (await dueDeliveries(this.db, this.now(), 100)).filter((r) => !this.inFlight.has(r.id))
    // one transaction marks the whole batch 'sending' before anything leaves
    const claimed = await this.db.transaction(async () => {
      const mine: DeliveryRow[] = []
      for (const row of due)
        if (
          await transition(this.db, row.id, ['queued'], 'sending', this.now(), {
            attempts: 1,
            detail: `attempt ${row.attempts + 1}`
          })
        )
          mine.push(row)
      return mine
    })
    for (const row of claimed) {
      this.inFlight.add(row.id)
      const run = this.send(row)
        .catch((err: Error) => {
          if (!this.closed()) this.log.error(`delivery ${row.id}: ${err.message}`)
        })
        .finally(() => {
          this.inFlight.delete(row.id)
          this.running.delete(run)
        })
      this.running.add(run)
    }
    await this.schedule()
  }

  /**
   * Accepted deliveries whose receipt is overdue are sent again with the same deliveryId
   * (gateways dedupe on it), up to the channel's resends; then they are 'unconfirmed',
   * saying for how long no receipt came. Never left 'accepted' as if that were fine.
   */
  private async chaseReceipts(): Promise<void> {
    const now = this.now()
    const overdue = await receiptsOverdue(this.db, now, 100)
    if (!overdue.length) return
    const moved = await this.db.transaction(async () => {
      const ids: number[] = []
      for (const r of overdue) {
        const { windowMs, resends } = this.receiptFor(r.channel)
        const ok =
          r.resends < resends
            ? await transition(this.db, r.id, ['accepted'], 'queued', now, {
                nextAttemptMs: now,
                resent: true,
                detail: `no receipt from the ${r.channel} gateway in ${inWords(windowMs)}; sending again with the same deliveryId (${r.resends + 1} of ${resends})`
              })
            : await transition(this.db, r.id, ['accepted'], 'unconfirmed', now, {
                error: `no receipt from the ${r.channel} gateway in ${inWords(windowMs * (resends + 1))}`
              })
        if (ok) ids.push(r.id)
      }
      return ids
    })
    for (const id of moved) await this.announce(id)
  }

  private async schedule(): Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    const next = await nextDueMs(this.db)
    if (next === null || this.stopped) return
    this.timer = setTimeout(() => this.kick(), Math.max(0, next - this.now()) + 5)
    this.timer.unref()
  }

  private async send(row: DeliveryRow): Promise<void> {
    await this.announce(row.id)
    const adapter = this.adapterFor(row.channel)
    let outcome: SendOutcome
    if (!adapter) outcome = { ok: false, retryable: false, error: `channel "${row.channel}" is no longer configured` }
    else {
      try {
        outcome = await adapter.send(outboundMessage(row), AbortSignal.timeout(this.policy.sendTimeoutMs))
      } catch (err) {
        outcome = { ok: false, retryable: true, error: `adapter failed: ${(err as Error).message}` }
      }
    }
    await this.settle(row, outcome)
  }

  private async settle(row: DeliveryRow, outcome: SendOutcome): Promise<void> {
    if (this.stopped && this.closed()) return
    const now = this.now()
    await this.db.transaction(async () => {
      const attempts = row.attempts + 1
      const receipt = this.receiptFor(row.channel)
      const giveUpMs = row.created_ms + receipt.windowMs * (receipt.resends + 1)
      if (!outcome.ok && outcome.noReceiver && now >= giveUpMs) {
        await transition(this.db, row.id, ['sending'], 'failed', now, {
          error: `nothing was sent: no ${row.channel} gateway listened in ${inWords(receipt.windowMs * (receipt.resends + 1))}`,
          attempts: -1
        })
      } else if (!outcome.ok && outcome.notSent) {
        // it never left: not an attempt; the broker's or a gateway's return sends it sooner than this
        const next = outcome.noReceiver ? Math.min(now + this.policy.maxMs, giveUpMs) : now + this.policy.maxMs
        await transition(this.db, row.id, ['sending'], 'queued', now, {
          error: outcome.error,
          nextAttemptMs: next,
          attempts: -1
        })
      } else if (outcome.ok) {
        // a gateway's receipt may already have confirmed it (it can beat the PUBACK here)
        const moved = await transition(this.db, row.id, ['sending'], 'accepted', now, {
          externalId: outcome.externalId,
          detail: outcome.externalId ? `platform id ${outcome.externalId}` : 'taken by the broker',
          error: null, // an earlier attempt's error is history now
          receiptDueMs: outcome.confirmed ? null : now + receipt.windowMs
        })
        if (moved && outcome.confirmed)
          await transition(this.db, row.id, ['accepted'], 'confirmed', now, { detail: 'confirmed by the platform' })
      } else if (outcome.retryable && attempts < this.policy.maxAttempts) {
        const wait = Math.max(backoffMs(attempts, this.policy), outcome.retryAfterMs ?? 0)
        await transition(this.db, row.id, ['sending'], 'queued', now, {
          error: outcome.error,
          nextAttemptMs: now + wait,
          detail: `${outcome.error}; retry in ${Math.round(wait / 1000)} s`
        })
      } else {
        await transition(this.db, row.id, ['sending'], 'failed', now, {
          error: outcome.retryable ? `${outcome.error} (gave up after ${attempts} attempts)` : outcome.error
        })
      }
    })
    await this.announce(row.id)
    this.kick()
  }

  async announce(id: number): Promise<void> {
    const row = await getDeliveryRow(this.db, id)
    if (row) this.onChange(await toDelivery(this.db, row))
  }

  /**
   * Stops sending. Sends under way get a moment to finish and be recorded; one still out
   * after that (a broker that went away) stays 'sending' and is settled on the next start.
   */
  async stop(graceMs = 2000): Promise<void> {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
    await this.pumper.stop()
    await Promise.race([
      Promise.allSettled([...this.running]),
      new Promise((resolve) => setTimeout(resolve, graceMs).unref())
    ])
  }
}
