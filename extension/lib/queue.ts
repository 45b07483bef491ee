/**
 * The offline queue: clips that could not be delivered wait in extension storage (surviving a browser
 * restart) and are retried with backoff. Each keeps the Idempotency-Key of its first attempt, so a clip
 * whose answer was lost is still stored exactly once.
 */
import type { CreateItemRequest } from "../../shared/schemas";
import { ApiError, type KnooppuntApi } from "./api";
import { failedItem, queueItem, type FailedClip, type QueuedClip } from "./storage";

const BASE_DELAY_MS = 10_000;
const MAX_DELAY_MS = 15 * 60_000;
const MAX_FAILED_SHOWN = 20;

export function backoffMs(attempts: number, random = Math.random): number {
  const delay = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(delay * (0.8 + 0.4 * random()));
}

export async function enqueue(id: string, request: CreateItemRequest, title: string, error: ApiError, now = new Date()) {
  const queue = await queueItem.getValue();
  if (queue.some((clip) => clip.id === id)) return queue.length;
  const wait = error.retryAfterSeconds ? error.retryAfterSeconds * 1000 : backoffMs(1);
  const clip: QueuedClip = {
    id,
    request,
    title,
    queuedAt: now.toISOString(),
    attempts: 1,
    nextAttemptAt: new Date(now.getTime() + wait).toISOString(),
    lastError: error.message,
  };
  await queueItem.setValue([...queue, clip]);
  return queue.length + 1;
}

async function recordFailure(clip: QueuedClip, error: ApiError) {
  const failed: FailedClip = { id: clip.id, title: clip.title, url: clip.request.url, message: error.message, failedAt: new Date().toISOString() };
  await failedItem.setValue([failed, ...(await failedItem.getValue())].slice(0, MAX_FAILED_SHOWN));
}

let running: Promise<number> | null = null;

/**
 * Tries every clip that is due (or all, when forced). One flush runs at a time; a second caller waits for
 * it. Returns the number delivered.
 */
export function flush(api: KnooppuntApi, options: { force?: boolean; onDelivered?: (clip: QueuedClip) => void } = {}): Promise<number> {
  running ??= (async () => {
    let delivered = 0;
    try {
      for (const clip of await queueItem.getValue()) {
        if (!options.force && Date.parse(clip.nextAttemptAt) > Date.now()) continue;
        try {
          await api.saveItem(clip.request, clip.id);
          delivered++;
          await queueItem.setValue((await queueItem.getValue()).filter((c) => c.id !== clip.id));
          options.onDelivered?.(clip);
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          if (error.retryable) {
            const attempts = clip.attempts + 1;
            const wait = error.retryAfterSeconds ? error.retryAfterSeconds * 1000 : backoffMs(attempts);
            const updated = { ...clip, attempts, nextAttemptAt: new Date(Date.now() + wait).toISOString(), lastError: error.message };
            await queueItem.setValue((await queueItem.getValue()).map((c) => (c.id === clip.id ? updated : c)));
            // The server is still away: the other clips would fail the same way.
            if (error.kind === "network") break;
          } else {
            await queueItem.setValue((await queueItem.getValue()).filter((c) => c.id !== clip.id));
            await recordFailure(clip, error);
          }
        }
      }
    } finally {
      running = null;
    }
    return delivered;
  })();
  return running;
}

/** The moment the next clip is due, for the alarm. */
export async function nextDue(): Promise<number | null> {
  const queue = await queueItem.getValue();
  if (queue.length === 0) return null;
  return Math.min(...queue.map((clip) => Date.parse(clip.nextAttemptAt)));
}
