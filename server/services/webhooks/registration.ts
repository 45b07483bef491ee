/** A school's webhooks: registration with a checked address and a secret shown once, removal, and the delivery log. */
import { WEBHOOK_EVENTS, type CreateWebhookRequest, type Delivery, type Webhook, type WebhooksResponse } from "../../../shared/schemas";
import { decodePosition, pageOf } from "../../db/paging";
import {
  attemptsOf,
  backingOffUntil,
  deleteWebhookRow,
  deliveriesOf,
  insertWebhook,
  webhookCount,
  webhookOfSchool,
  webhooksOfSchool,
  type WebhookRow,
} from "../../db/repositories/webhooks";
import { isoNow, type ServiceContext } from "../../core/context";
import { conflict, invalid, notFound } from "../../core/errors";
import { newId, newSecret } from "../../core/ids";
import type { SchoolCoordinator } from "../access/schools";
import { resolveWebhookTarget, WebhookAddressError } from "./address";


const toWebhook = (row: WebhookRow): Webhook => ({ id: row.id, url: row.url, format: row.format, events: row.events, createdAt: row.createdAt });

/** The school's webhooks, and which hosts the operator lets them reach over plain http (for the form's hint). */
export const listWebhooks = (ctx: ServiceContext, school: SchoolCoordinator): WebhooksResponse => ({
  webhooks: webhooksOfSchool(ctx, school.id).map(toWebhook),
  policy: { httpAllowedHosts: [...ctx.webhookAllowHosts] },
});

/** Every event is posted to every webhook: a cap keeps one school from turning Knooppunt into an amplifier. */
const MAX_WEBHOOKS_PER_SCHOOL = 10;

/**
 * Registers a webhook after checking where its URL leads (see ./address.ts); a refusal names its rule in
 * the `url` issue's code. The secret signs
 * every body; it is returned here once and never again.
 */
export async function registerWebhook(ctx: ServiceContext, school: SchoolCoordinator, input: CreateWebhookRequest) {
  if (webhookCount(ctx, school.id) >= MAX_WEBHOOKS_PER_SCHOOL) {
    throw conflict("too_many_webhooks", `A school can have at most ${MAX_WEBHOOKS_PER_SCHOOL} webhooks; remove one first.`);
  }
  try {
    await resolveWebhookTarget(input.url, ctx.webhookAllowHosts);
  } catch (error) {
    if (error instanceof WebhookAddressError) {
      throw invalid("webhook_url_refused", error.message, [{ path: ["url"], message: error.message, code: error.reason }]);
    }
    throw error;
  }
  const row: WebhookRow = {
    id: newId(),
    schoolId: school.id,
    url: input.url,
    format: input.format,
    events: input.events ? WEBHOOK_EVENTS.filter((e) => input.events!.includes(e)) : [...WEBHOOK_EVENTS],
    secret: newSecret("whsec"),
    createdBy: school.actorId,
    createdAt: isoNow(ctx),
  };
  insertWebhook(ctx, row);
  return { webhook: toWebhook(row), secret: row.secret };
}

function requireWebhook(ctx: ServiceContext, school: SchoolCoordinator, hookId: string): WebhookRow {
  const row = webhookOfSchool(ctx, school.id, hookId);
  if (!row) throw notFound("webhook");
  return row;
}

/** Removing a webhook drops its pending deliveries with it: nothing is sent to an address the school gave up. */
export function deleteWebhook(ctx: ServiceContext, school: SchoolCoordinator, hookId: string) {
  requireWebhook(ctx, school, hookId);
  deleteWebhookRow(ctx, hookId);
}

/** The delivery log, newest first, with every attempt: what the coordinator checks when Teams stays quiet. */
export function listDeliveries(ctx: ServiceContext, school: SchoolCoordinator, hookId: string, page: { limit: number; cursor?: string }) {
  requireWebhook(ctx, school, hookId);
  const cursor = decodePosition(page.cursor);
  const rows = deliveriesOf(ctx, hookId, cursor, page.limit + 1);
  const { page: pageRows, nextCursor } = pageOf(rows, page.limit, (r) => ({ at: r.createdAt, id: r.id }));
  const ids = pageRows.map((r) => r.id);
  const attempts = attemptsOf(ctx, ids);
  // What was written while the webhook backs off waits for the failed delivery's retry, and goes after it.
  const held = backingOffUntil(ctx, hookId, isoNow(ctx));
  const nextAttemptAt = (at: string) => (held && held > at ? held : at);
  const deliveries: Delivery[] = pageRows.map((r) => ({
    id: r.id,
    event: r.event as Delivery["event"],
    status: r.status,
    attempts: r.attempts,
    lastStatusCode: r.lastStatusCode,
    lastError: r.lastError,
    nextAttemptAt: r.status === "pending" ? nextAttemptAt(r.nextAttemptAt) : null,
    createdAt: r.createdAt,
    deliveredAt: r.deliveredAt,
    attemptLog: attempts
      .filter((a) => a.deliveryId === r.id)
      .map((a) => ({ at: a.at, statusCode: a.statusCode, error: a.error, durationMs: a.durationMs })),
  }));
  return { deliveries, nextCursor };
}
