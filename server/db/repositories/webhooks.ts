/**
 * Schools' webhooks and the outbox: a delivery is written with its exact body in the transaction of the
 * change that caused it, and the worker sends due rows and records every attempt.
 */
import { and, asc, desc, eq, lt, or, sql } from "drizzle-orm";
import type { WebhookEvent, WebhookFormat } from "../../../shared/schemas";
import type { ServiceContext } from "../../core/context";
import type { Position } from "../paging";
import { deliveryAttempts, webhookDeliveries, webhooks } from "../schema";
import { inList, jsonListHas } from "../sqlite";
import { queryAll, queryGet, queryRun } from "../statements";

export type WebhookRow = typeof webhooks.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;

export const webhooksOfSchool = (ctx: ServiceContext, schoolId: string) =>
  ctx.db.select().from(webhooks).where(eq(webhooks.schoolId, schoolId)).orderBy(asc(webhooks.createdAt), asc(webhooks.id)).all();

export const webhookCount = (ctx: ServiceContext, schoolId: string) =>
  queryGet<{ n: number }>(ctx, sql`SELECT count(*) AS n FROM webhooks WHERE school_id = ${schoolId}`)!.n;

export const insertWebhook = (ctx: ServiceContext, row: WebhookRow) => ctx.db.insert(webhooks).values(row).run();

export const webhookOfSchool = (ctx: ServiceContext, schoolId: string, hookId: string) =>
  ctx.db.select().from(webhooks).where(and(eq(webhooks.id, hookId), eq(webhooks.schoolId, schoolId))).get();

/** Its pending deliveries go with it (ON DELETE CASCADE): nothing is sent to an address the school gave up. */
export const deleteWebhookRow = (ctx: ServiceContext, hookId: string) => ctx.db.delete(webhooks).where(eq(webhooks.id, hookId)).run();

/** The webhooks of these schools that asked for this event, oldest first. */
export const webhooksListening = (ctx: ServiceContext, schoolIds: string[], event: WebhookEvent) =>
  queryAll<{ webhookId: string; format: WebhookFormat; schoolId: string; schoolName: string }>(
    ctx,
    sql`SELECT w.id AS webhookId, w.format AS format, s.id AS schoolId, s.name AS schoolName
        FROM webhooks w JOIN schools s ON s.id = w.school_id
        WHERE w.school_id IN ${inList(schoolIds)} AND ${jsonListHas(sql`w.events`, event)}
        ORDER BY w.created_at, w.id`,
  );

/** Whether any school listens for this event at all: most clips reach no webhook, and this is asked inside every clip. */
export const anyWebhookListening = (ctx: ServiceContext, event: WebhookEvent) =>
  queryGet(ctx, sql`SELECT 1 AS one FROM webhooks w WHERE ${jsonListHas(sql`w.events`, event)} LIMIT 1`) !== undefined;

export function insertDelivery(
  ctx: ServiceContext,
  row: { id: string; webhookId: string; event: WebhookEvent; offerId: string | null; body: string; at: string },
) {
  ctx.db
    .insert(webhookDeliveries)
    .values({ id: row.id, webhookId: row.webhookId, event: row.event, offerId: row.offerId, body: row.body, nextAttemptAt: row.at, createdAt: row.at })
    .run();
}

/** A page of a webhook's delivery log, newest first, after the position. */
export const deliveriesOf = (ctx: ServiceContext, hookId: string, after: Position | null, limit: number) =>
  ctx.db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.webhookId, hookId),
        after ? or(lt(webhookDeliveries.createdAt, after.at), and(eq(webhookDeliveries.createdAt, after.at), lt(webhookDeliveries.id, after.id))) : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(limit)
    .all();

export const attemptsOf = (ctx: ServiceContext, deliveryIds: string[]) =>
  deliveryIds.length
    ? queryAll<{ deliveryId: string; at: string; statusCode: number | null; error: string | null; durationMs: number }>(
        ctx,
        sql`SELECT delivery_id AS deliveryId, at, status_code AS statusCode, error, duration_ms AS durationMs
            FROM delivery_attempts WHERE delivery_id IN ${inList(deliveryIds)} ORDER BY seq`,
      )
    : [];

// ---------------------------------------------------------------------------------------------------
// The worker's side

export interface DueDelivery {
  id: string;
  webhookId: string;
  schoolId: string;
  event: string;
  offerId: string | null;
  attempts: number;
  createdAt: string;
  url: string;
  secret: string;
  format: WebhookFormat;
}

/**
 * The next delivery of every webhook that may send now, the longest waiting first: its oldest pending
 * one (in the order they were written, within one millisecond), when that is due. Webhooks that back off
 * after a failed try are left out whole (`backingOff`): their newer deliveries wait behind the failed one
 * instead of each trying a dead host again, and the receiver gets them in order once it answers.
 */
export const nextDeliveries = (ctx: ServiceContext, now: string, backingOff: readonly string[], limit: number) =>
  queryAll<DueDelivery>(
    ctx,
    sql`SELECT d.id AS id, d.webhook_id AS webhookId, w.school_id AS schoolId, d.event AS event, d.offer_id AS offerId, d.attempts AS attempts, d.created_at AS createdAt, w.url AS url, w.secret AS secret, w.format AS format
        FROM (
          SELECT id, row_number() OVER (PARTITION BY webhook_id ORDER BY created_at, rowid) AS place
          FROM webhook_deliveries
          WHERE status = 'pending' AND next_attempt_at <= ${now} AND webhook_id NOT IN ${inList(backingOff)}
        ) heads
        JOIN webhook_deliveries d ON d.id = heads.id
        JOIN webhooks w ON w.id = d.webhook_id
        WHERE heads.place = 1
        ORDER BY d.next_attempt_at, d.created_at, d.id LIMIT ${limit}`,
  );

/** The exact body a delivery sends, read only for the deliveries that get a place (bodies run to 28 KB). */
export const deliveryBody = (ctx: ServiceContext, deliveryId: string) =>
  queryGet<{ body: string }>(ctx, sql`SELECT body FROM webhook_deliveries WHERE id = ${deliveryId}`)?.body;

/**
 * A webhook backs off as a whole: its other pending deliveries move to the failed one's next try, so the
 * log says when they will go, and the worker's search for due deliveries does not wade through them.
 */
export const holdDeliveriesOf = (ctx: ServiceContext, hookId: string, until: string) =>
  queryRun(ctx, sql`UPDATE webhook_deliveries SET next_attempt_at = ${until} WHERE webhook_id = ${hookId} AND status = 'pending' AND next_attempt_at < ${until}`);

/** Until when a webhook backs off after a failed try (its retry's time), or null when it does not. */
export const backingOffUntil = (ctx: ServiceContext, hookId: string, now: string) =>
  queryGet<{ until: string | null }>(
    ctx,
    sql`SELECT max(next_attempt_at) AS until FROM webhook_deliveries WHERE webhook_id = ${hookId} AND status = 'pending' AND next_attempt_at > ${now}`,
  )?.until ?? null;

/** Webhooks backing off after a failed try (a pending delivery waits for a later time), and until when. */
export const webhooksBackingOff = (ctx: ServiceContext, now: string) =>
  queryAll<{ webhookId: string; until: string }>(
    ctx,
    sql`SELECT webhook_id AS webhookId, max(next_attempt_at) AS until FROM webhook_deliveries
        WHERE status = 'pending' AND next_attempt_at > ${now} GROUP BY webhook_id`,
  );

/** Finished deliveries (and their attempts) older than the cut-off leave the log; pending ones never do. */
export const pruneDeliveries = (ctx: ServiceContext, before: string) =>
  queryRun(ctx, sql`DELETE FROM webhook_deliveries WHERE status IN ('delivered', 'failed') AND created_at < ${before}`);

export const isPending = (ctx: ServiceContext, deliveryId: string) =>
  queryGet(ctx, sql`SELECT 1 AS one FROM webhook_deliveries WHERE id = ${deliveryId} AND status = 'pending'`) !== undefined;

export const recordAttempt = (ctx: ServiceContext, attempt: { deliveryId: string; at: string; statusCode: number | null; error: string | null; durationMs: number }) =>
  ctx.db.insert(deliveryAttempts).values(attempt).run();

export const updateDelivery = (ctx: ServiceContext, deliveryId: string, change: Partial<typeof webhookDeliveries.$inferInsert>) =>
  ctx.db.update(webhookDeliveries).set(change).where(eq(webhookDeliveries.id, deliveryId)).run();
