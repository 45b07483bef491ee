import { Hono } from "hono";
import { z } from "zod";
import {
  CreatedWebhookResponse,
  CreateWebhookRequest,
  DeliveriesQuery,
  DeliveriesResponse,
  FeedUrlsResponse,
  Subscriptions,
  SubscriptionsRequest,
  WebhooksResponse,
} from "../../shared/schemas";
import { Id } from "../../shared/schemas";
import { requireUser } from "../http/auth";
import type { AppEnv } from "../http/env";
import { doc } from "../http/openapi";
import { idempotent } from "../http/requests";
import { valid } from "../http/validate";
import { schoolAsCoordinator, schoolAsMember } from "../services/access/schools";
import { getFeedUrls, getSubscriptions, rotateFeedUrl, setSubscriptions } from "../services/schools/subscriptions";
import { deleteWebhook, listDeliveries, listWebhooks, registerWebhook } from "../services/webhooks/registration";

const tag = "schools";
const SchoolParam = z.object({ id: Id });
const HookParam = z.object({ id: Id, hookId: Id });

// Subscriptions, feed URLs and webhooks of a school (API.md "Schools").
export const subscriptionRoutes = new Hono<AppEnv>()
  .get(
    "/schools/:id/subscriptions",
    doc({ tag, summary: "The school's theme subscriptions and sector narrowing (members; 404 for anyone else)", responses: { 200: { description: "Subscriptions", schema: Subscriptions } } }),
    requireUser,
    valid("param", SchoolParam),
    (c) => c.json(getSubscriptions(c.var.ctx, schoolAsMember(c.var.ctx, c.var.viewer, c.req.valid("param").id))),
  )
  .put(
    "/schools/:id/subscriptions",
    doc({ tag, summary: "Replace the school's subscriptions (coordinators); sub-themes are included", responses: { 200: { description: "Subscriptions", schema: Subscriptions } } }),
    requireUser,
    valid("param", SchoolParam),
    valid("json", SubscriptionsRequest),
    (c) => c.json(setSubscriptions(c.var.ctx, schoolAsCoordinator(c.var.ctx, c.var.viewer, c.req.valid("param").id), c.req.valid("json"))),
  )
  .get(
    "/schools/:id/feed-url",
    doc({ tag, summary: "The school's private feed URLs (coordinators)", responses: { 200: { description: "Feed URLs", schema: FeedUrlsResponse } } }),
    requireUser,
    valid("param", SchoolParam),
    (c) => c.json(getFeedUrls(c.var.ctx, schoolAsCoordinator(c.var.ctx, c.var.viewer, c.req.valid("param").id))),
  )
  .post(
    "/schools/:id/feed-url/rotate",
    doc({ tag, summary: "Replace the feed token; the old URLs stop working at once (coordinators)", responses: { 200: { description: "New feed URLs", schema: FeedUrlsResponse } } }),
    requireUser,
    valid("param", SchoolParam),
    (c) => c.json(rotateFeedUrl(c.var.ctx, schoolAsCoordinator(c.var.ctx, c.var.viewer, c.req.valid("param").id))),
  )
  .get(
    "/schools/:id/webhooks",
    doc({ tag, summary: "The school's webhooks, without their secrets (coordinators)", responses: { 200: { description: "Webhooks", schema: WebhooksResponse } } }),
    requireUser,
    valid("param", SchoolParam),
    (c) => c.json(listWebhooks(c.var.ctx, schoolAsCoordinator(c.var.ctx, c.var.viewer, c.req.valid("param").id))),
  )
  .post(
    "/schools/:id/webhooks",
    doc({
      tag,
      summary:
        "Register a Teams or JSON webhook (coordinators); the signing secret is shown only in this response. Events: offer.created, bundle.accepted, item.published, and question.created, question.answered, question.followup for the school's own school- or network-circle leervragen",
      responses: { 201: { description: "The webhook and its secret", schema: CreatedWebhookResponse } },
    }),
    requireUser,
    idempotent,
    valid("param", SchoolParam),
    valid("json", CreateWebhookRequest),
    async (c) => c.json(await registerWebhook(c.var.ctx, schoolAsCoordinator(c.var.ctx, c.var.viewer, c.req.valid("param").id), c.req.valid("json")), 201),
  )
  .delete(
    "/schools/:id/webhooks/:hookId",
    doc({ tag, summary: "Remove a webhook and its pending deliveries (coordinators)", responses: { 204: { description: "Removed" } } }),
    requireUser,
    valid("param", HookParam),
    (c) => {
      const { id, hookId } = c.req.valid("param");
      deleteWebhook(c.var.ctx, schoolAsCoordinator(c.var.ctx, c.var.viewer, id), hookId);
      return c.body(null, 204);
    },
  )
  .get(
    "/schools/:id/webhooks/:hookId/deliveries",
    doc({ tag, summary: "The webhook's delivery log, newest first, with every attempt (coordinators)", responses: { 200: { description: "Deliveries", schema: DeliveriesResponse } } }),
    requireUser,
    valid("param", HookParam),
    valid("query", DeliveriesQuery),
    (c) => {
      const { id, hookId } = c.req.valid("param");
      return c.json(listDeliveries(c.var.ctx, schoolAsCoordinator(c.var.ctx, c.var.viewer, id), hookId, c.req.valid("query")));
    },
  );
