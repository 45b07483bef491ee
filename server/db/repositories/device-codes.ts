/**
 * The one-time codes that carry a browser's sign-in over to the extension: found by the hash of the code,
 * never by the code itself, and only those made for a device.
 */
import { and, eq, lte } from "drizzle-orm";
import type { ServiceContext } from "../../core/context";
import { oneTimeCodes } from "../schema";

export type DeviceCodeRow = typeof oneTimeCodes.$inferSelect;

export function insertDeviceCode(ctx: ServiceContext, row: Omit<DeviceCodeRow, "purpose" | "createdBy">) {
  ctx.db.insert(oneTimeCodes).values({ ...row, purpose: "device", createdBy: row.userId }).run();
}

/** Takes the code out of the table and answers what it was: a second caller with the same code finds nothing. */
export const takeDeviceCode = (ctx: ServiceContext, codeHash: string): DeviceCodeRow | undefined =>
  ctx.db
    .delete(oneTimeCodes)
    .where(and(eq(oneTimeCodes.codeHash, codeHash), eq(oneTimeCodes.purpose, "device")))
    .returning()
    .get();

/** Codes nobody fetched in time; reset links are another feature's and are left alone. */
export const deleteExpiredDeviceCodes = (ctx: ServiceContext, now: string) =>
  ctx.db.delete(oneTimeCodes).where(and(eq(oneTimeCodes.purpose, "device"), lte(oneTimeCodes.expiresAt, now))).run().changes;
