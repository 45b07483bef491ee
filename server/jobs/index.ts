import type { RetentionSettings } from "../config";
import type { ServiceContext } from "../core/context";
import { purgeExpired } from "../services/privacy/retention";
import { recordReshare } from "../services/offers/reach";
import { WebhookWorker, type WorkerOptions } from "../services/webhooks/worker";
import { ImportWorker } from "../services/imports/runner";
import { ImportPageReader, type ImportPageOptions } from "../services/imports/page-reader";
import type { PageFetchSettings } from "../services/pages/settings";
import { startFollowupReminders } from "../services/questions/reminders";

/** The worker's timings (poll interval, backoff, retry window, timeouts, concurrency); tests shorten them. */
export type JobOptions = Omit<WorkerOptions, "onDelivered"> & {
  /** How often expired sessions, tokens and delivery logs are purged. */
  retentionIntervalMs: number;
  /** Import links per transaction, and a pause between those batches (tests slow an import down). */
  importBatchSize: number;
  importPauseMs: number;
  /** How often leervragen whose follow-up fell due are looked for ("Toegepast? Werkte het?" reminders). */
  followupIntervalMs: number;
};

const JOB_DEFAULTS: JobOptions = {
  pollIntervalMs: 1000,
  backoffBaseMs: 30_000,
  backoffMaxMs: 60 * 60 * 1000,
  retryWindowMs: 24 * 60 * 60 * 1000,
  requestTimeoutMs: 10_000,
  maxResponseBytes: 64 * 1024,
  // Outgoing requests are cheap to hold open; places are shared fairly between schools (see the worker).
  concurrency: 8,
  retentionIntervalMs: 60 * 60 * 1000,
  // A cap: the import worker sizes its batches by time, so a batch holds the database for a blink however fast links go.
  importBatchSize: 2000,
  importPauseMs: 0,
  // Follow-ups fall due in weeks: a reminder a few minutes late is still on time.
  followupIntervalMs: 5 * 60 * 1000,
};

/**
 * Background work inside the server process (the webhook worker). Deliveries still pending from before a
 * restart are picked up at once. Returns a function that stops it, waiting for sends in flight (they are
 * aborted, and stay pending for the next start).
 */
export function startJobs(
  ctx: ServiceContext,
  options: Partial<JobOptions>,
  retention: RetentionSettings,
  importPages: { settings: PageFetchSettings; options: ImportPageOptions },
): () => Promise<void> {
  const settings = { ...JOB_DEFAULTS, ...definedOnly(options) };
  const worker = new WebhookWorker(ctx, {
    ...settings,
    // An accepted bundle that reached the school's channel has spread further: the broker's reach counts it.
    onDelivered: (delivery, at) => {
      if (delivery.event === "bundle.accepted" && delivery.offerId) recordReshare(ctx, delivery.offerId, at);
    },
  });
  const unlisten = ctx.outbox.listen(worker.wake);
  worker.start();
  const purge = () => {
    try {
      purgeExpired(ctx, retention);
    } catch (error) {
      // A busy database now is no reason to stop the server; the next round tries again.
      console.error("[knooppunt] purging expired data failed:", error);
    }
  };
  purge();
  const purging = setInterval(purge, settings.retentionIntervalMs);
  purging.unref();
  // Imports started before a restart resume at once, where their last batch left off.
  const imports = new ImportWorker(ctx, { pollIntervalMs: settings.pollIntervalMs, batchSize: settings.importBatchSize, pauseMs: settings.importPauseMs });
  imports.start();
  // Pages still to read before a restart are read on; the reader sleeps while no import asked for any.
  const pageReader = ctx.importReadsPages ? new ImportPageReader(ctx, importPages.settings, importPages.options) : null;
  pageReader?.start();
  // Reminders that fell due while the server was stopped go out at once; each is sent once (reminders.ts).
  const stopReminders = startFollowupReminders(ctx, settings.followupIntervalMs);
  return async () => {
    stopReminders();
    clearInterval(purging);
    unlisten();
    await worker.stop();
    await imports.stop();
    await pageReader?.stop();
  };
}

const definedOnly = <T extends object>(value: T) =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
