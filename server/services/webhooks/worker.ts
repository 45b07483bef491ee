/**
 * Sends the outbox. A delivery is a row written with its exact body in the transaction of the change that
 * caused it; this worker posts due rows, records every attempt, and reschedules failures with exponential
 * backoff and jitter until the retry window (24 hours) has passed. State lives only in the database, so a
 * crash loses nothing: rows still pending are sent after the restart, at worst a second time with the
 * same Knooppunt-Delivery id, on which receivers may deduplicate.
 */
import { dueDeliveries, isPending, pruneDeliveries, recordAttempt, updateDelivery, type DeliveryRow, type DueDelivery } from "../../db/repositories/webhooks";
import { transaction } from "../../db/statements";
import { isoNow, type ServiceContext } from "../../core/context";
import { postWebhook, signBody, type SendOutcome } from "./sender";

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
  requestTimeoutMs: number;
  maxResponseBytes: number;
  concurrency: number;
  /** Called inside the transaction that marks a delivery delivered. */
  onDelivered?: (delivery: DueDelivery, at: string) => void;
}


/** A receiver's Retry-After is honoured, within reason: a day-long one would outlast the retry window. */
const MAX_RETRY_AFTER_MS = 6 * 60 * 60 * 1000;

export class WebhookWorker {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly inFlight = new Map<string, Promise<void>>();
  /** One request at a time per webhook, so a slow receiver gets its messages in order and is not flooded. */
  private readonly busyHooks = new Set<string>();
  private readonly shutdown = new AbortController();

  constructor(
    private readonly ctx: ServiceContext,
    private readonly options: WorkerOptions,
    private readonly random: () => number = Math.random,
  ) {}

  start() {
    this.tick();
  }

  /** Looks for due deliveries now (after new ones were recorded, or a send finished). */
  readonly wake = () => {
    if (!this.stopped) this.dispatch();
  };

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
    let due: DueDelivery[];
    try {
      due = dueDeliveries(this.ctx, isoNow(this.ctx), 50);
    } catch (error) {
      console.error("[knooppunt] webhook worker could not read the outbox:", error);
      return;
    }
    for (const delivery of due) {
      if (free <= 0) break;
      if (this.inFlight.has(delivery.id) || this.busyHooks.has(delivery.webhookId)) continue;
      free -= 1;
      this.busyHooks.add(delivery.webhookId);
      const sending = this.deliver(delivery)
        .catch((error) => console.error(`[knooppunt] webhook delivery ${delivery.id} failed unexpectedly:`, error))
        .finally(() => {
          this.inFlight.delete(delivery.id);
          this.busyHooks.delete(delivery.webhookId);
          if (!this.stopped) setImmediate(this.wake);
        });
      this.inFlight.set(delivery.id, sending);
    }
  }

  private async deliver(delivery: DueDelivery) {
    const started = performance.now();
    const outcome = await postWebhook(
      delivery.url,
      delivery.body,
      {
        "Knooppunt-Event": delivery.event,
        "Knooppunt-Delivery": delivery.id,
        "Knooppunt-Signature": signBody(delivery.secret, delivery.body),
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
    transaction(ctx, () => {
      // The webhook may have been deleted while the request was out; its deliveries went with it.
      if (!isPending(ctx, delivery.id)) return;
      const attempts = delivery.attempts + 1;
      const error = outcome.kind === "delivered" ? null : outcome.error;
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
        update = { lastError: error, nextAttemptAt: new Date(now.getTime() + this.backoff(attempts, outcome.retryAfterMs)).toISOString() };
      }
      updateDelivery(ctx, delivery.id, { ...update, attempts, lastStatusCode: outcome.statusCode });
    });
  }
}
