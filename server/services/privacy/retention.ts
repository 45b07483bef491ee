/** What is kept only for a while goes when its time is up (the RETENTION_* settings). */
import type { RetentionSettings } from "../../config";
import { deleteDeliveriesBefore, deleteTokensUnusedSince } from "../../db/repositories/personal-data/retention";
import { transaction } from "../../db/statements";
import type { ServiceContext } from "../../core/context";

const DAY_MS = 24 * 60 * 60 * 1000;

export function purgeExpired(ctx: ServiceContext, retention: RetentionSettings) {
  const now = ctx.now().getTime();
  const before = (days: number) => new Date(now - days * DAY_MS).toISOString();
  return transaction(ctx, () => ({
    sessions: deleteTokensUnusedSince(ctx, "login", before(retention.sessionDays)),
    apiTokens: deleteTokensUnusedSince(ctx, "api", before(retention.apiTokenDays)),
    deliveries: deleteDeliveriesBefore(ctx, before(retention.deliveryLogDays)),
  }));
}
