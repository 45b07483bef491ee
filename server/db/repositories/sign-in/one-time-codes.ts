/**
 * One-time codes: a password reset link's code, or a device sign-in's code. Found by the hash of the code,
 * never by the code itself; using one deletes it, so a code works once.
 */
import { and, eq, lte } from "drizzle-orm";
import type { ServiceContext } from "../../../core/context";
import { oneTimeCodes } from "../../schema";

export type OneTimeCodeRow = typeof oneTimeCodes.$inferSelect;
export type OneTimeCodePurpose = OneTimeCodeRow["purpose"];

export function insertOneTimeCode(ctx: ServiceContext, row: OneTimeCodeRow) {
  ctx.db.insert(oneTimeCodes).values(row).run();
}

export const oneTimeCodeByHash = (ctx: ServiceContext, purpose: OneTimeCodePurpose, codeHash: string) =>
  ctx.db.select().from(oneTimeCodes).where(and(eq(oneTimeCodes.codeHash, codeHash), eq(oneTimeCodes.purpose, purpose))).get();

/** Uses up a code: false when it was already gone (used by a request that came first). */
export const deleteOneTimeCode = (ctx: ServiceContext, purpose: OneTimeCodePurpose, codeHash: string) =>
  ctx.db.delete(oneTimeCodes).where(and(eq(oneTimeCodes.codeHash, codeHash), eq(oneTimeCodes.purpose, purpose))).run().changes > 0;

/** Voids every code of this purpose a person holds (a new reset link voids the older ones). */
export const deleteOneTimeCodesOf = (ctx: ServiceContext, userId: string, purpose: OneTimeCodePurpose) =>
  ctx.db.delete(oneTimeCodes).where(and(eq(oneTimeCodes.userId, userId), eq(oneTimeCodes.purpose, purpose))).run().changes;

/** Takes the code out of the table and answers what it was: a second caller with the same code finds nothing. */
export const takeOneTimeCode = (ctx: ServiceContext, purpose: OneTimeCodePurpose, codeHash: string): OneTimeCodeRow | undefined =>
  ctx.db
    .delete(oneTimeCodes)
    .where(and(eq(oneTimeCodes.codeHash, codeHash), eq(oneTimeCodes.purpose, purpose)))
    .returning()
    .get();

/** Codes nobody used in time, of every purpose: they open nothing any more, so nothing keeps them. */
export const deleteExpiredOneTimeCodes = (ctx: ServiceContext, now: string) => ctx.db.delete(oneTimeCodes).where(lte(oneTimeCodes.expiresAt, now)).run().changes;
