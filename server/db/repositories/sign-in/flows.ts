/**
 * Sign-ins under way at a provider, by the hash of their `state`. Taking one deletes it in the same
 * statement, so two answers carrying the same state cannot both find it.
 */
import { eq, lt } from "drizzle-orm";
import type { ServiceContext } from "../../../core/context";
import { signInFlows } from "../../schema";

export type SignInFlowRow = typeof signInFlows.$inferSelect;

export function insertSignInFlow(ctx: ServiceContext, row: SignInFlowRow) {
  ctx.db.insert(signInFlows).values(row).run();
}

export const takeSignInFlow = (ctx: ServiceContext, stateHash: string): SignInFlowRow | undefined =>
  ctx.db.delete(signInFlows).where(eq(signInFlows.stateHash, stateHash)).returning().get();

/** Flows nobody finished (the person closed the tab at the provider) are no use after they expire. */
export const deleteExpiredSignInFlows = (ctx: ServiceContext, now: string) => ctx.db.delete(signInFlows).where(lt(signInFlows.expiresAt, now)).run().changes;
