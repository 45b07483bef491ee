/**
 * Stored Idempotency-Keys: one row per person and key, claimed (without an answer) before the write runs
 * and given the answer once it succeeded. The rules around them are in http/idempotency.ts.
 */
import { and, inArray, eq, isNull, lt } from "drizzle-orm";
import type { ServiceContext } from "../../core/context";
import { idempotencyKeys } from "../schema";

export type StoredKey = typeof idempotencyKeys.$inferSelect;

const keyOf = (userId: string, key: string) => and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key));

/** Forgets the keys claimed before `cutoff`. */
export function deleteKeysBefore(ctx: ServiceContext, cutoff: string) {
  ctx.db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, cutoff)).run();
}

export const storedKey = (ctx: ServiceContext, userId: string, key: string) => ctx.db.select().from(idempotencyKeys).where(keyOf(userId, key)).get();

/** Claims a key for a request that has not been answered yet. */
export function claimKey(ctx: ServiceContext, claim: { userId: string; key: string; route: string; requestHash: string; at: string }) {
  ctx.db
    .insert(idempotencyKeys)
    .values({ userId: claim.userId, key: claim.key, route: claim.route, requestHash: claim.requestHash, status: null, body: null, createdAt: claim.at })
    .run();
}

export function storeAnswer(ctx: ServiceContext, userId: string, key: string, status: number, body: string) {
  ctx.db.update(idempotencyKeys).set({ status, body }).where(keyOf(userId, key)).run();
}

/** Releases the keys claimed before `cutoff` that never got an answer. */
export function releaseUnansweredBefore(ctx: Pick<ServiceContext, "db">, cutoff: string, routes: string[]): number {
  if (!routes.length) return 0;
  return ctx.db
    .delete(idempotencyKeys)
    .where(and(isNull(idempotencyKeys.status), lt(idempotencyKeys.createdAt, cutoff), inArray(idempotencyKeys.route, routes)))
    .run().changes;
}

export function releaseKey(ctx: ServiceContext, userId: string, key: string) {
  ctx.db.delete(idempotencyKeys).where(keyOf(userId, key)).run();
}
