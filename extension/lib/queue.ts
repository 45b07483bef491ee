/**
 * The offline queue: clips that could not be delivered wait in extension storage (surviving a browser
 * restart) and are retried with backoff. Each keeps the Idempotency-Key of its first attempt, so a clip
 * whose answer was lost is still stored exactly once, and each belongs to the person (and server) that
 * made it, so a shared classroom computer never delivers one teacher's clips under another's name.
 */
import type { CreateItemRequest, Item } from "../../shared/schemas";
import { ApiError } from "./api-error";
import type { CheckedApi } from "./checked-api";
import { failedItem, queueItem, type ClipOwner, type FailedClip, type QueuedClip } from "./storage";

const BASE_DELAY_MS = 10_000;
const MAX_DELAY_MS = 15 * 60_000;
/** A server asking for more than this is probably confused; the person should not wait a day. */
const MAX_RETRY_AFTER_MS = 60 * 60_000;
const MAX_FAILED_SHOWN = 20;
/**
 * An answer from something in between that never goes away (a server of another version whose answers
 * the extension cannot read) must not be retried for ever: after this many tries (about half a day at the
 * longest backoff) the clip is shown as failed. Outages (unreachable, 5xx, 429) are retried without end.
 */
const MAX_INTERMEDIARY_ATTEMPTS = 50;

function backoffMs(attempts: number, random = Math.random): number {
  const delay = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(delay * (0.8 + 0.4 * random()));
}

/**
 * The server still holds this clip's Idempotency-Key for an earlier attempt (its answer was lost, or the
 * server was restarted while storing it): that attempt either finishes or is released, and then this
 * key's retry is answered. It concerns this clip alone, so the flush carries on with the next one.
 */
const stillInProgress = (error: ApiError) => error.status === 409 && error.code === "request_in_progress";

const retryDelay = (error: ApiError, attempts: number) =>
  error.retryAfterSeconds ? Math.min(MAX_RETRY_AFTER_MS, error.retryAfterSeconds * 1000) : backoffMs(attempts);

// Every read-modify-write of the stored lists runs in turn: a clip queued while a flush removes a
// delivered one must not be overwritten by the flush's older copy of the list.
let turn: Promise<unknown> = Promise.resolve();
function inTurn<T>(work: () => Promise<T>): Promise<T> {
  const result = turn.then(work);
  turn = result.catch(() => undefined);
  return result;
}

const changeQueue = (change: (queue: QueuedClip[]) => QueuedClip[]) =>
  inTurn(async () => {
    const next = change(await queueItem.getValue());
    await queueItem.setValue(next);
    return next;
  });

/** Whether a queued or failed clip is this person's. Clips from before owners were recorded go with whoever signs in next. */
export const ownedBy = (clip: { owner?: ClipOwner }, owner: ClipOwner) =>
  !clip.owner || (clip.owner.serverUrl === owner.serverUrl && clip.owner.userId === owner.userId);

export async function enqueue(id: string, owner: ClipOwner, request: CreateItemRequest, title: string, error: ApiError, now = new Date()) {
  const clip: QueuedClip = {
    id,
    owner,
    request,
    title,
    queuedAt: now.toISOString(),
    attempts: 1,
    nextAttemptAt: new Date(now.getTime() + retryDelay(error, 1)).toISOString(),
    lastError: error.message,
  };
  const queue = await changeQueue((queue) => (queue.some((c) => c.id === id) ? queue : [...queue, clip]));
  return queue.filter((c) => ownedBy(c, owner)).length;
}

async function recordFailure(clip: QueuedClip, error: ApiError) {
  const failed: FailedClip = {
    id: clip.id,
    ...(clip.owner ? { owner: clip.owner } : {}),
    title: clip.title,
    url: clip.request.url,
    code: error.code,
    message: error.message,
    failedAt: new Date().toISOString(),
  };
  await inTurn(async () => failedItem.setValue([failed, ...(await failedItem.getValue())].slice(0, MAX_FAILED_SHOWN)));
}

export async function dismissFailed(id: string, owner: ClipOwner) {
  await inTurn(async () => failedItem.setValue((await failedItem.getValue()).filter((f) => !(f.id === id && ownedBy(f, owner)))));
}

interface FlushResult {
  delivered: number;
  /** The server no longer accepts this session's token: the clips wait for the person to sign in again. */
  sessionExpired: boolean;
}

let running: Promise<FlushResult> | null = null;

/**
 * Tries every clip of this person that is due (or all, when forced). One flush runs at a time; a second
 * caller waits for it. Stops at the first answer that says the server as a whole cannot take clips now
 * (unreachable, overloaded, not Knooppunt, or the session has ended), so one outage costs one request.
 */
export function flush(
  api: Pick<CheckedApi, "saveItem">,
  owner: ClipOwner,
  options: { force?: boolean; onDelivered?: (clip: QueuedClip, item: Item) => void } = {},
): Promise<FlushResult> {
  running ??= (async () => {
    const result: FlushResult = { delivered: 0, sessionExpired: false };
    try {
      for (const clip of await queueItem.getValue()) {
        if (!ownedBy(clip, owner)) continue;
        if (!options.force && Date.parse(clip.nextAttemptAt) > Date.now()) continue;
        try {
          const { item } = await api.saveItem(clip.request, clip.id);
          result.delivered++;
          await changeQueue((queue) => queue.filter((c) => c.id !== clip.id));
          options.onDelivered?.(clip, item);
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          if (error.status === 401) {
            result.sessionExpired = true;
            break;
          }
          const givingUp = error.intermediary && clip.attempts + 1 >= MAX_INTERMEDIARY_ATTEMPTS;
          if ((error.retryable && !givingUp) || stillInProgress(error)) {
            const attempts = clip.attempts + 1;
            const updated = { ...clip, attempts, nextAttemptAt: new Date(Date.now() + retryDelay(error, attempts)).toISOString(), lastError: error.message };
            await changeQueue((queue) => queue.map((c) => (c.id === clip.id ? updated : c)));
            if (stillInProgress(error)) continue;
            break;
          }
          await changeQueue((queue) => queue.filter((c) => c.id !== clip.id));
          await recordFailure(clip, error);
        }
      }
    } finally {
      running = null;
    }
    return result;
  })();
  return running;
}

/** The moment the next clip of this person is due, for the alarm. */
export async function nextDue(owner: ClipOwner | null): Promise<number | null> {
  if (!owner) return null;
  const mine = (await queueItem.getValue()).filter((clip) => ownedBy(clip, owner));
  if (mine.length === 0) return null;
  return Math.min(...mine.map((clip) => Date.parse(clip.nextAttemptAt)));
}

/** What the popup shows of this person's queue: how many wait, and which the server refused. */
export async function queueStatusOf(owner: ClipOwner | null): Promise<{ pending: number; failed: FailedClip[] }> {
  if (!owner) return { pending: 0, failed: [] };
  const [queue, failed] = await Promise.all([queueItem.getValue(), failedItem.getValue()]);
  return { pending: queue.filter((clip) => ownedBy(clip, owner)).length, failed: failed.filter((f) => ownedBy(f, owner)) };
}
