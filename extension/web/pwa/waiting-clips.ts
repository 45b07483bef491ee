/**
 * Clips saved on this browser without a connection wait in IndexedDB (they survive closing the tab or
 * the phone restarting) until the browser is back online: the `online` event, the app's start and the
 * clipper's own "deliver" each send them. Each keeps the Idempotency-Key made when it was queued, so a
 * clip whose answer was lost on the way is still stored once. Like the extension's queue (lib/queue.ts)
 * each clip belongs to the person and server that made it; a refusal that retrying cannot fix moves the
 * clip to "failed" with the server's message, shown until the person dismisses it.
 */
import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import type { CreateItemRequest } from "../../../shared/schemas";
import { ApiError } from "../../lib/api-error";
import type { KnooppuntApi } from "../../lib/api";
import type { QueueStatus } from "../../lib/messaging";
import type { ClipOwner, FailedClip, QueuedClip, Session } from "../../lib/storage";

interface ClipsDb extends DBSchema {
  waiting: { key: string; value: QueuedClip };
  failed: { key: string; value: FailedClip };
}

const MAX_FAILED_KEPT = 20;

let opened: Promise<IDBPDatabase<ClipsDb>> | null = null;
const db = () =>
  (opened ??= openDB<ClipsDb>("knooppunt-clips", 1, {
    upgrade(database) {
      database.createObjectStore("waiting", { keyPath: "id" });
      database.createObjectStore("failed", { keyPath: "id" });
    },
  }));

export const ownerOf = (session: Session): ClipOwner => ({ serverUrl: session.serverUrl, userId: session.user.id });

const ownedBy = (clip: { owner?: ClipOwner }, owner: ClipOwner) => clip.owner?.serverUrl === owner.serverUrl && clip.owner.userId === owner.userId;
const byAge = (a: { queuedAt?: string; failedAt?: string }, b: { queuedAt?: string; failedAt?: string }) =>
  (a.queuedAt ?? a.failedAt ?? "").localeCompare(b.queuedAt ?? b.failedAt ?? "");

export async function waitingStatus(owner: ClipOwner): Promise<QueueStatus> {
  const database = await db();
  const [waiting, failed] = await Promise.all([database.getAll("waiting"), database.getAll("failed")]);
  return {
    pending: waiting.filter((clip) => ownedBy(clip, owner)).length,
    failed: failed.filter((clip) => ownedBy(clip, owner)).sort(byAge).reverse(),
  };
}

/** Keeps a clip the server could not be reached for; answers how many of this person's wait. */
export async function keepWaiting(id: string, owner: ClipOwner, request: CreateItemRequest, title: string, error: ApiError): Promise<number> {
  const now = new Date().toISOString();
  await (await db()).put("waiting", { id, owner, request, title, queuedAt: now, attempts: 1, nextAttemptAt: now, lastError: error.message });
  return (await waitingStatus(owner)).pending;
}

export async function dismissFailed(id: string, owner: ClipOwner): Promise<QueueStatus> {
  const database = await db();
  const failed = await database.get("failed", id);
  if (failed && ownedBy(failed, owner)) await database.delete("failed", id);
  return waitingStatus(owner);
}

async function moveToFailed(clip: QueuedClip, error: ApiError) {
  const database = await db();
  const tx = database.transaction(["waiting", "failed"], "readwrite");
  await tx.objectStore("waiting").delete(clip.id);
  await tx.objectStore("failed").put({ id: clip.id, owner: clip.owner, title: clip.title, url: clip.request.url, code: error.code, message: error.message, failedAt: new Date().toISOString() });
  await tx.done;
  const kept = (await database.getAll("failed")).sort(byAge);
  for (const old of kept.slice(0, Math.max(0, kept.length - MAX_FAILED_KEPT))) await database.delete("failed", old.id);
}

/** The server still works on an earlier attempt with this key: its answer comes on a later try. */
const stillInProgress = (error: ApiError) => error.status === 409 && error.code === "request_in_progress";

/** One delivery at a time, also across this person's open tabs, where the browser can say so. */
function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const locks = (navigator as { locks?: { request(name: string, run: () => Promise<T>): Promise<unknown> } }).locks;
  return locks ? (locks.request("knooppunt-deliver-clips", work) as Promise<T>) : work();
}

let running: Promise<number> | null = null;

/**
 * Sends this person's waiting clips, oldest first; answers how many were delivered. Stops at the first
 * answer that says the server cannot take clips now (unreachable, overloaded, signed out), so an outage
 * costs one request.
 */
export function deliverWaiting(api: Pick<KnooppuntApi, "saveItem">, owner: ClipOwner): Promise<number> {
  running ??= oneAtATime(async () => {
    let delivered = 0;
    const database = await db();
    const mine = (await database.getAll("waiting")).filter((clip) => ownedBy(clip, owner)).sort(byAge);
    for (const clip of mine) {
      // Another tab may have sent it while this one waited for the lock.
      if (!(await database.get("waiting", clip.id))) continue;
      try {
        await api.saveItem(clip.request, clip.id);
        await database.delete("waiting", clip.id);
        delivered++;
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        if (error.status === 401) break;
        if (error.retryable || stillInProgress(error)) {
          await database.put("waiting", { ...clip, attempts: clip.attempts + 1, lastError: error.message });
          if (stillInProgress(error)) continue;
          break;
        }
        await moveToFailed(clip, error);
      }
    }
    return delivered;
  }).finally(() => {
    running = null;
  });
  return running;
}
