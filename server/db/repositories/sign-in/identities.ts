/**
 * School accounts linked to people: found by (issuer, subject), never by e-mail address.
 */
import { and, asc, eq } from "drizzle-orm";
import type { ServiceContext } from "../../../core/context";
import { identities } from "../../schema";

export type IdentityRow = typeof identities.$inferSelect;

export const identityByIssuerSubject = (ctx: ServiceContext, issuer: string, subject: string) =>
  ctx.db.select().from(identities).where(and(eq(identities.issuer, issuer), eq(identities.subject, subject))).get();

export const identitiesOf = (ctx: ServiceContext, userId: string) =>
  ctx.db.select().from(identities).where(eq(identities.userId, userId)).orderBy(asc(identities.createdAt)).all();

export function insertIdentity(ctx: ServiceContext, row: IdentityRow) {
  ctx.db.insert(identities).values(row).run();
}

/** What the provider said at this sign-in: shown to the person, never used to find anyone. */
export function touchIdentity(ctx: ServiceContext, id: string, at: string, seen: { email: string | null; organisation: string | null }) {
  ctx.db.update(identities).set({ lastUsedAt: at, email: seen.email, organisation: seen.organisation }).where(eq(identities.id, id)).run();
}

/** Removes one of this person's identities; false when they hold no such identity. */
export const deleteIdentityOf = (ctx: ServiceContext, userId: string, id: string) =>
  ctx.db.delete(identities).where(and(eq(identities.id, id), eq(identities.userId, userId))).run().changes > 0;
