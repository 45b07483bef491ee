import { and, asc, desc, eq, inArray, lt, or } from "drizzle-orm";
import { WEBHOOK_EVENTS, type CreateWebhookRequest, type Delivery, type Webhook } from "../../shared/schemas";
import { deliveryAttempts, webhookDeliveries, webhooks } from "../db/schema";
import { isoNow, type ServiceContext } from "../domain/context";
import { conflict, invalid, notFound } from "../domain/errors";
import { newId, newSecret } from "../domain/ids";
import type { SignedInViewer } from "../domain/viewer";
import { decodePosition, pageOf } from "./bundle-paging";
import { requireSchoolRole } from "./subscriptions";
import { resolveWebhookTarget, WebhookAddressError } from "./webhook-address";

type WebhookRow = typeof webhooks.$inferSelect;

const toWebhook = (row: WebhookRow): Webhook => ({ id: row.id, url: row.url, format: row.format, events: row.events, createdAt: row.createdAt });

export function listWebhooks(ctx: ServiceContext, viewer: SignedInViewer, schoolId: string): Webhook[] {
  requireSchoolRole(ctx, viewer, schoolId, "coordinator");
  return ctx.db.select().from(webhooks).where(eq(webhooks.schoolId, schoolId)).orderBy(asc(webhooks.createdAt), asc(webhooks.id)).all().map(toWebhook);
}

/** Every event is posted to every webhook: a cap keeps one school from turning Knooppunt into an amplifier. */
const MAX_WEBHOOKS_PER_SCHOOL = 10;

/**
 * Registers a webhook after checking where its URL leads (see webhook-address.ts). The secret signs
 * every body; it is returned here once and never again.
 */
export async function registerWebhook(ctx: ServiceContext, viewer: SignedInViewer, schoolId: string, input: CreateWebhookRequest) {
  requireSchoolRole(ctx, viewer, schoolId, "coordinator");
  const count = ctx.db.select({ id: webhooks.id }).from(webhooks).where(eq(webhooks.schoolId, schoolId)).all().length;
  if (count >= MAX_WEBHOOKS_PER_SCHOOL) {
    throw conflict("too_many_webhooks", `A school can have at most ${MAX_WEBHOOKS_PER_SCHOOL} webhooks; remove one first.`);
  }
  try {
    await resolveWebhookTarget(input.url, ctx.deliveries?.webhookAllowHosts ?? []);
  } catch (error) {
    if (error instanceof WebhookAddressError) throw invalid("webhook_url_refused", error.message, [{ path: ["url"], message: error.message }]);
    throw error;
  }
  const row: WebhookRow = {
    id: newId(),
    schoolId,
    url: input.url,
    format: input.format,
    events: input.events ? WEBHOOK_EVENTS.filter((e) => input.events!.includes(e)) : [...WEBHOOK_EVENTS],
    secret: newSecret("whsec"),
    createdBy: viewer.user.id,
    createdAt: isoNow(ctx),
  };
  ctx.db.insert(webhooks).values(row).run();
  return { webhook: toWebhook(row), secret: row.secret };
}

function requireWebhook(ctx: ServiceContext, viewer: SignedInViewer, schoolId: string, hookId: string): WebhookRow {
  requireSchoolRole(ctx, viewer, schoolId, "coordinator");
  const row = ctx.db.select().from(webhooks).where(and(eq(webhooks.id, hookId), eq(webhooks.schoolId, schoolId))).get();
  if (!row) throw notFound("webhook");
  return row;
}

/** Removing a webhook drops its pending deliveries with it: nothing is sent to an address the school gave up. */
export function deleteWebhook(ctx: ServiceContext, viewer: SignedInViewer, schoolId: string, hookId: string) {
  requireWebhook(ctx, viewer, schoolId, hookId);
  ctx.db.delete(webhooks).where(eq(webhooks.id, hookId)).run();
}

/** The delivery log, newest first, with every attempt: what the coordinator checks when Teams stays quiet. */
export function listDeliveries(ctx: ServiceContext, viewer: SignedInViewer, schoolId: string, hookId: string, page: { limit: number; cursor?: string }) {
  requireWebhook(ctx, viewer, schoolId, hookId);
  const cursor = decodePosition(page.cursor);
  const rows = ctx.db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.webhookId, hookId),
        cursor
          ? or(lt(webhookDeliveries.createdAt, cursor.at), and(eq(webhookDeliveries.createdAt, cursor.at), lt(webhookDeliveries.id, cursor.id)))
          : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(page.limit + 1)
    .all();
  const { page: pageRows, nextCursor } = pageOf(rows, page.limit, (r) => ({ at: r.createdAt, id: r.id }));
  const ids = pageRows.map((r) => r.id);
  const attempts = ids.length
    ? ctx.db.select().from(deliveryAttempts).where(inArray(deliveryAttempts.deliveryId, ids)).orderBy(asc(deliveryAttempts.seq)).all()
    : [];
  const deliveries: Delivery[] = pageRows.map((r) => ({
    id: r.id,
    event: r.event as Delivery["event"],
    status: r.status,
    attempts: r.attempts,
    lastStatusCode: r.lastStatusCode,
    lastError: r.lastError,
    nextAttemptAt: r.status === "pending" ? r.nextAttemptAt : null,
    createdAt: r.createdAt,
    deliveredAt: r.deliveredAt,
    attemptLog: attempts
      .filter((a) => a.deliveryId === r.id)
      .map((a) => ({ at: a.at, statusCode: a.statusCode, error: a.error, durationMs: a.durationMs })),
  }));
  return { deliveries, nextCursor };
}
