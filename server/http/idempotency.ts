/**
 * The rules of the Idempotency-Key header (used by the `idempotent` middleware in requests.ts): how long a
 * key is remembered, and when reusing one replays the first answer or is refused.
 */
import { claimKey, deleteKeysBefore, releaseKey, releaseUnansweredBefore, storeAnswer, storedKey } from "../db/repositories/idempotency-keys";
import { transaction } from "../db/statements";
import { isoNow, type ServiceContext } from "../core/context";
import { conflict } from "../core/errors";

const RETENTION_MS = 24 * 60 * 60 * 1000;

export type IdempotencyStart = { kind: "new" } | { kind: "replay"; status: number; body: string };

/**
 * Claims an Idempotency-Key for a user before the write runs. A key seen within 24 hours replays the
 * first answer; the same key with a different request, or while the first is still running, is a conflict.
 */
export function beginIdempotent(ctx: ServiceContext, userId: string, key: string, route: string, requestHash: string): IdempotencyStart {
  const cutoff = new Date(ctx.now().getTime() - RETENTION_MS).toISOString();
  return transaction(ctx, () => {
    deleteKeysBefore(ctx, cutoff);
    const found = storedKey(ctx, userId, key);
    if (found) {
      if (found.route !== route || found.requestHash !== requestHash) {
        throw conflict("idempotency_key_reused", "This Idempotency-Key was already used for a different request.");
      }
      if (found.status === null || found.body === null) {
        throw conflict("request_in_progress", "A request with this Idempotency-Key is still being processed.");
      }
      return { kind: "replay", status: found.status, body: found.body } as const;
    }
    claimKey(ctx, { userId, key, route, requestHash, at: isoNow(ctx) });
    return { kind: "new" } as const;
  });
}

/** A key this request claimed; `answered` once its answer is stored. */
export interface ClaimedKey {
  userId: string;
  key: string;
  answered: boolean;
}

export function completeIdempotent(ctx: ServiceContext, claim: ClaimedKey, status: number, body: string) {
  storeAnswer(ctx, claim.userId, claim.key, status, body);
  claim.answered = true;
}

/**
 * Routes that store their Idempotency-Key answer in the same transaction as their write (`answerWithWrite`):
 * for these, a claim left without an answer means the write never committed.
 */
const ANSWERED_WITH_WRITE = ["POST /api/v1/items"];

/**
 * A claim without an answer made before this process started belongs to a request that died with the
 * previous process (a kill, a power cut): nothing will ever answer it, and a retry must run instead of
 * hearing `request_in_progress` until the key expires a day later. Only claims of routes that answer with
 * their write are released: elsewhere the write may have committed just before the crash, and running the
 * retry would do it twice, so those keep answering `request_in_progress` until they expire.
 */
export function releaseStaleClaims(ctx: Pick<ServiceContext, "db">, startedAt: Date): number {
  return releaseUnansweredBefore(ctx, startedAt.toISOString(), ANSWERED_WITH_WRITE);
}

/** A failed attempt releases its key so the client's retry can run for real. */
export function abandonIdempotent(ctx: ServiceContext, claim: ClaimedKey) {
  releaseKey(ctx, claim.userId, claim.key);
}
