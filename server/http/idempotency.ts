import { and, eq, lt } from "drizzle-orm";
import { idempotencyKeys } from "../db/schema";
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
  return ctx.db.transaction((tx) => {
    tx.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, cutoff)).run();
    const found = tx
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)))
      .get();
    if (found) {
      if (found.route !== route || found.requestHash !== requestHash) {
        throw conflict("idempotency_key_reused", "This Idempotency-Key was already used for a different request.");
      }
      if (found.status === null || found.body === null) {
        throw conflict("request_in_progress", "A request with this Idempotency-Key is still being processed.");
      }
      return { kind: "replay", status: found.status, body: found.body } as const;
    }
    tx.insert(idempotencyKeys).values({ userId, key, route, requestHash, status: null, body: null, createdAt: isoNow(ctx) }).run();
    return { kind: "new" } as const;
  });
}

export function completeIdempotent(ctx: ServiceContext, userId: string, key: string, status: number, body: string) {
  ctx.db
    .update(idempotencyKeys)
    .set({ status, body })
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)))
    .run();
}

/** A failed attempt releases its key so the client's retry can run for real. */
export function abandonIdempotent(ctx: ServiceContext, userId: string, key: string) {
  ctx.db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key))).run();
}
