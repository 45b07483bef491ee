/** What is kept only for a while goes when its time is up (the RETENTION_* settings). */
import type { RetentionSettings } from "../../config";
import { deleteDeliveriesBefore, deleteEndedWebSessions, deleteTokensUnusedSince } from "../../db/repositories/personal-data/retention";
import { deleteExpiredSignInFlows } from "../../db/repositories/sign-in/flows";
import { deleteExpiredOneTimeCodes } from "../../db/repositories/sign-in/one-time-codes";
import { transaction } from "../../db/statements";
import type { ServiceContext } from "../../core/context";

const DAY_MS = 24 * 60 * 60 * 1000;

export function purgeExpired(ctx: ServiceContext, retention: RetentionSettings) {
  const now = ctx.now().getTime();
  const before = (days: number) => new Date(now - days * DAY_MS).toISOString();
  const at = new Date(now).toISOString();
  return transaction(ctx, () => ({
    sessions: deleteTokensUnusedSince(ctx, "login", before(retention.sessionDays)),
    // What ends at a fixed time goes once that time has passed: web sessions, one-time codes, sign-ins left unfinished.
    webSessions: deleteEndedWebSessions(ctx, at),
    oneTimeCodes: deleteExpiredOneTimeCodes(ctx, at),
    signInFlows: deleteExpiredSignInFlows(ctx, at),
    apiTokens: deleteTokensUnusedSince(ctx, "api", before(retention.apiTokenDays)),
    deliveries: deleteDeliveriesBefore(ctx, before(retention.deliveryLogDays)),
  }));
}
