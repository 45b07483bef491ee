/**
 * Sends the outbox. A delivery is a row written with its exact body in the transaction of the change that
 * caused it; this worker posts due rows, records every attempt, and reschedules failures with exponential
 * backoff and jitter until the retry window (24 hours) has passed. State lives only in the database, so a
 * crash loses nothing: rows still pending are sent after the restart, at worst a second time with the
 * same Knooppunt-Delivery id, on which receivers may deduplicate.
 */
import { deliveryBody, holdDeliveriesOf, isPending, nextDeliveries, webhooksBackingOff, pruneDeliveries, recordAttempt, updateDelivery, type DeliveryRow, type DueDelivery } from "../../db/repositories/webhooks";
import { transaction } from "../../db/statements";
import { isoNow, type ServiceContext } from "../../core/context";
import { postWebhook, signBody, type SendOutcome } from "./sender";
import { maskWebhookSecrets } from "../../../shared/webhook-url";
import { inspect } from "node:util";

/** How long finished deliveries stay in the log. */
export const DELIVERY_LOG_RETENTION_MS = 30 * 24 * 3_600_000;

export interface WorkerOptions {
  /** How often the worker looks for deliveries that came due (retries, rows other processes wrote). */
  pollIntervalMs: number;
  /** The first retry's delay; each next one doubles, up to backoffMaxMs, with jitter. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** How long a delivery is retried before it is given up (at least 24 hours in production). */
  retryWindowMs: number;
  /** One try's deadline, from looking up the host to the end of the answer. */
  requestTimeoutMs: number;
  maxResponseBytes: number;
  /** Requests in flight at once, over all schools (see fairOrder for how they are shared). */
  concurrency: number;
  /** Called inside the transaction that marks a delivery delivered. */
  onDelivered?: (delivery: DueDelivery, at: string) => void;
}


/** A receiver's Retry-After is honoured, within reason: a day-long one would outlast the retry window. */
const MAX_RETRY_AFTER_MS = 6 * 60 * 60 * 1000;

/**
 * The order in which due deliveries (at most one per webhook, the longest waiting first) take free
 * places: round-robin over schools, so a school with ten webhooks does not go ten times before the next
 * school goes once.
 */
function fairOrder(due: DueDelivery[]): DueDelivery[] {
  const bySchool = new Map<string, DueDelivery[]>();
  for (const delivery of due) {
    const queue = bySchool.get(delivery.schoolId);
    if (queue) queue.push(delivery);
    else bySchool.set(delivery.schoolId, [delivery]);
  }
  const queues = [...bySchool.values()];
  const order: DueDelivery[] = [];
  for (let round = 0; order.length < due.length; round++) {
    for (const queue of queues) if (round < queue.length) order.push(queue[round]!);
  }
  return order;
}

export class WebhookWorker {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly inFlight = new Map<string, Promise<void>>();
  /** One request at a time per webhook, so a slow receiver gets its messages in order and is not flooded. */
  private readonly busyHooks = new Set<string>();
  private readonly busySchools = new Map<string, number>();
  private retriesInFlight = 0;
  /** Webhooks whose last try failed, until (ms on the context's clock) their next one; read from the outbox at start. */
  private readonly backingOff = new Map<string, number>();
  /**
   * A host that never answers holds its place until the deadline. A school's webhooks together take at
   * most a quarter of the places, and retries (a host that failed before, likely to fail again) at most
   * half, so the receivers that work always find places free, whatever hangs elsewhere.
   */
  private readonly schoolShare: number;
  private readonly retryShare: number;
  private readonly shutdown = new AbortController();

  constructor(
    private readonly ctx: ServiceContext,
    private readonly options: WorkerOptions,
    private readonly random: () => number = Math.random,
  ) {
    this.schoolShare = Math.max(1, Math.floor(options.concurrency / 4));
    this.retryShare = Math.max(1, Math.floor(options.concurrency / 2));
  }

  start() {
    try {
      for (const { webhookId, until } of webhooksBackingOff(this.ctx, isoNow(this.ctx))) this.backingOff.set(webhookId, Date.parse(until));
    } catch (error) {
      console.error("[knooppunt] webhook worker could not read which webhooks back off:", error);
    }
    this.tick();
  }

  /** Looks for due deliveries now (after new ones were recorded, or a send finished). */
  readonly wake = () => {
    if (!this.stopped) this.dispatch();
  };

  private wakeScheduled = false;
  /** Once for all the sends that finish in one turn of the event loop: each would read the outbox for the same places. */
  private wakeSoon() {
    if (this.wakeScheduled || this.stopped) return;
    this.wakeScheduled = true;
    setImmediate(() => {
      this.wakeScheduled = false;
      this.wake();
    });
  }

  async stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.shutdown.abort();
    await Promise.allSettled([...this.inFlight.values()]);
  }

  private tick() {
    if (this.stopped) return;
    this.prune();
    this.dispatch();
    this.timer = setTimeout(() => this.tick(), this.options.pollIntervalMs);
    this.timer.unref();
  }

  private lastPrune = 0;

  /**
   * Finished deliveries (and their attempts) are kept for the delivery log for 30 days, then removed,
   * at most once an hour. Pending ones are never removed here.
   */
  private prune() {
    const now = this.ctx.now().getTime();
    if (now - this.lastPrune < 3_600_000) return;
    this.lastPrune = now;
    const cutoff = new Date(now - DELIVERY_LOG_RETENTION_MS).toISOString();
    try {
      pruneDeliveries(this.ctx, cutoff);
    } catch (error) {
      console.error("[knooppunt] webhook worker could not prune the delivery log:", error);
    }
  }

  private dispatch() {
    let free = this.options.concurrency - this.inFlight.size;
    if (free <= 0) return;
    const now = this.ctx.now();
    for (const [hookId, until] of this.backingOff) if (until <= now.getTime()) this.backingOff.delete(hookId);
    let due: DueDelivery[];
    try {
      // Enough to fill every place even when the first schools listed are at their share.
      due = nextDeliveries(this.ctx, now.toISOString(), [...this.backingOff.keys()], 12 * this.options.concurrency + this.inFlight.size);
    } catch (error) {
      console.error("[knooppunt] webhook worker could not read the outbox:", error);
      return;
    }
    for (const delivery of fairOrder(due)) {
      if (free <= 0) break;
      if (this.busyHooks.has(delivery.webhookId)) continue;
      if ((this.busySchools.get(delivery.schoolId) ?? 0) >= this.schoolShare) continue;
      const retry = delivery.attempts > 0;
      if (retry && this.retriesInFlight >= this.retryShare) continue;
      free -= 1;
      this.take(delivery, retry, +1);
      const sending = this.deliver(delivery)
        .catch((error) => console.error(`[knooppunt] webhook delivery ${delivery.id} failed unexpectedly:`, maskWebhookSecrets(inspect(error))))
        .finally(() => {
          this.inFlight.delete(delivery.id);
          this.take(delivery, retry, -1);
          this.wakeSoon();
        });
      this.inFlight.set(delivery.id, sending);
    }
  }

  /** Takes (+1) or gives back (-1) a delivery's place in its webhook's, school's and the retries' count. */
  private take(delivery: DueDelivery, retry: boolean, change: 1 | -1) {
    if (change > 0) this.busyHooks.add(delivery.webhookId);
    else this.busyHooks.delete(delivery.webhookId);
    const school = (this.busySchools.get(delivery.schoolId) ?? 0) + change;
    if (school > 0) this.busySchools.set(delivery.schoolId, school);
    else this.busySchools.delete(delivery.schoolId);
    if (retry) this.retriesInFlight += change;
  }

  private async deliver(delivery: DueDelivery) {
    const body = deliveryBody(this.ctx, delivery.id);
    // Gone with its webhook since the outbox was read.
    if (body === undefined) return;
    const started = performance.now();
    const outcome = await postWebhook(
      delivery.url,
      body,
      {
        "Knooppunt-Event": delivery.event,
        "Knooppunt-Delivery": delivery.id,
        "Knooppunt-Signature": signBody(delivery.secret, body),
      },
      {
        allowHosts: this.ctx.webhookAllowHosts,
        timeoutMs: this.options.requestTimeoutMs,
        maxResponseBytes: this.options.maxResponseBytes,
        signal: this.shutdown.signal,
      },
      this.ctx.now,
    );
    if (outcome.kind === "interrupted") return;
    this.record(delivery, outcome, Math.round(performance.now() - started));
  }

  /** The delay before the next try: doubling from the base, capped, with jitter so retries spread out. */
  private backoff(attempts: number, retryAfterMs: number | null): number {
    const exponential = Math.min(this.options.backoffMaxMs, this.options.backoffBaseMs * 2 ** Math.max(0, attempts - 1));
    const jittered = exponential / 2 + this.random() * (exponential / 2);
    return Math.max(jittered, Math.min(retryAfterMs ?? 0, MAX_RETRY_AFTER_MS));
  }

  private record(delivery: DueDelivery, outcome: Exclude<SendOutcome, { kind: "interrupted" }>, durationMs: number) {
    const ctx = this.ctx;
    const now = ctx.now();
    const at = now.toISOString();
    let backOffUntil: number | null = null;
    transaction(ctx, () => {
      // The webhook may have been deleted while the request was out; its deliveries went with it.
      if (!isPending(ctx, delivery.id)) return;
      const attempts = delivery.attempts + 1;
      // The delivery log is shown on the subscriptions screen: an error that quotes the URL must not quote its secret.
      const error = outcome.kind === "delivered" ? null : maskWebhookSecrets(outcome.error);
      recordAttempt(ctx, { deliveryId: delivery.id, at, statusCode: outcome.statusCode, error, durationMs });

      let update: Partial<DeliveryRow>;
      if (outcome.kind === "delivered") {
        update = { status: "delivered", deliveredAt: at, lastError: null };
        this.options.onDelivered?.(delivery, at);
      } else if (outcome.kind === "give_up") {
        update = { status: "failed", lastError: error };
      } else if (now.getTime() - Date.parse(delivery.createdAt) >= this.options.retryWindowMs) {
        update = { status: "failed", lastError: `${error} (gave up after retrying for ${Math.round(this.options.retryWindowMs / 3_600_000)} hours)` };
      } else {
        backOffUntil = now.getTime() + this.backoff(attempts, outcome.retryAfterMs);
        const nextAttemptAt = new Date(backOffUntil).toISOString();
        update = { lastError: error, nextAttemptAt };
        holdDeliveriesOf(ctx, delivery.webhookId, nextAttemptAt);
      }
      updateDelivery(ctx, delivery.id, { ...update, attempts, lastStatusCode: outcome.statusCode });
    });
    if (backOffUntil !== null) this.backingOff.set(delivery.webhookId, backOffUntil);
  }
}
