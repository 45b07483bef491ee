import type { ServiceContext } from "../core/context";
import { WebhookWorker } from "../services/webhooks/worker";

export interface JobOptions {
  webhookAllowHosts: string[];
  publicUrl: string;
  /** How often the worker looks for deliveries that came due (retries, rows other processes wrote). */
  pollIntervalMs?: number;
  /** The first retry's delay; each next one doubles, up to backoffMaxMs, with jitter. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** How long a delivery is retried before it is given up (at least 24 hours in production). */
  retryWindowMs?: number;
  requestTimeoutMs?: number;
  maxResponseBytes?: number;
  concurrency?: number;
}

export const JOB_DEFAULTS = {
  pollIntervalMs: 1000,
  backoffBaseMs: 30_000,
  backoffMaxMs: 60 * 60 * 1000,
  retryWindowMs: 24 * 60 * 60 * 1000,
  requestTimeoutMs: 10_000,
  maxResponseBytes: 64 * 1024,
  concurrency: 4,
} as const;

/**
 * Background work inside the server process (the webhook worker). Deliveries still pending from before a
 * restart are picked up at once. Returns a function that stops it, waiting for sends in flight (they are
 * aborted, and stay pending for the next start).
 */
export function startJobs(ctx: ServiceContext, options: JobOptions): () => Promise<void> {
  const settings = { ...JOB_DEFAULTS, ...definedOnly(options) };
  const worker = new WebhookWorker(ctx, { ...settings, allowHosts: options.webhookAllowHosts });
  ctx.deliveries = { publicUrl: options.publicUrl, webhookAllowHosts: options.webhookAllowHosts, wake: worker.wake };
  worker.start();
  return async () => {
    // Links stay absolute for whatever still runs; only the stopped worker is no longer woken.
    ctx.deliveries = { ...ctx.deliveries!, wake: () => {} };
    await worker.stop();
  };
}

const definedOnly = <T extends object>(value: T) =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
