/**
 * Delivering the offline queue: when (an alarm at the next clip's due time), for whom (only the
 * signed-in person), and what the popup shows of it.
 */
import { browser } from "#imports";
import { markSaved } from "../../lib/badge";
import type { QueueStatus } from "../../lib/messaging";
import { flush, nextDue, queueStatusOf } from "../../lib/queue";
import { signedInApi } from "../../lib/session";
import { ownerOf, type ClipOwner } from "../../lib/storage";

export const QUEUE_ALARM = "knooppunt-queue";

/** Whose clips can be delivered now: only the signed-in person's; others wait for their owner. */
export async function currentOwner(): Promise<ClipOwner | null> {
  const signedIn = await signedInApi();
  return signedIn ? ownerOf(signedIn.session) : null;
}

export async function queueStatus(owner?: ClipOwner | null): Promise<QueueStatus> {
  return queueStatusOf(owner === undefined ? await currentOwner() : owner);
}

export async function scheduleQueue(owner?: ClipOwner | null) {
  const due = await nextDue(owner === undefined ? await currentOwner() : owner);
  if (due === null) await browser.alarms.clear(QUEUE_ALARM);
  else await browser.alarms.create(QUEUE_ALARM, { when: Math.max(Date.now() + 1000, due) });
}

export async function deliverQueue(force = false) {
  const signedIn = await signedInApi();
  const owner = signedIn ? ownerOf(signedIn.session) : null;
  let sessionExpired = false;
  try {
    if (signedIn && owner) {
      const result = await flush(signedIn.api, owner, {
        force,
        // The page may still be open: its toolbar mark now says it is in the library.
        onDelivered: (clip, item) => void markSaved(clip.request.url, item).catch(() => undefined),
      });
      sessionExpired = result.sessionExpired;
    }
  } finally {
    // Whatever happened, the next attempt stays planned; after an ended session, the next sign-in
    // or the popup starts it, instead of an alarm sending refused clips all day.
    if (sessionExpired) await browser.alarms.clear(QUEUE_ALARM);
    else await scheduleQueue(owner);
  }
  return queueStatus(owner);
}
