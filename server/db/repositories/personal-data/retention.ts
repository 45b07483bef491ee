/** Purging what is kept only for a while (the retention settings): rows older than a cut-off go. */
import { sql } from "drizzle-orm";
import type { ServiceContext } from "../../../core/context";
import { queryRun } from "../../statements";

/** Tokens of this kind not used since `before` (a token never used counts from its creation). */
export const deleteTokensUnusedSince = (ctx: ServiceContext, kind: "login" | "api", before: string) =>
  queryRun(ctx, sql`DELETE FROM tokens WHERE kind = ${kind} AND coalesce(last_used_at, created_at) < ${before}`).changes;

/** Web sessions past their fixed end (they open nothing any more, but would still name a browser). */
export const deleteEndedWebSessions = (ctx: ServiceContext, now: string) =>
  queryRun(ctx, sql`DELETE FROM tokens WHERE kind = 'web' AND expires_at <= ${now}`).changes;

/** Finished webhook deliveries (delivered or given up) written before `before`, with their attempts. */
export const deleteDeliveriesBefore = (ctx: ServiceContext, before: string) =>
  queryRun(ctx, sql`DELETE FROM webhook_deliveries WHERE status <> 'pending' AND created_at < ${before}`).changes;
