import { Hono } from "hono";
import { z } from "zod";
import { CreateOffersRequest, CreateOffersResponse, DeclineRequest, InboxQuery, InboxResponse, OfferKeyResponse, OfferResponse, ReachResponse } from "../../shared/schemas";
import { Id } from "../../shared/schemas";
import { requireUser } from "../http/auth";
import type { AppEnv } from "../http/env";
import { doc } from "../http/openapi";
import { idempotent } from "../http/requests";
import { valid } from "../http/validate";
import { schoolAsMember } from "../services/access/schools";
import { respondToOffer, schoolInbox } from "../services/offers/inbox";
import { renewOfferKey, revokeOfferKey } from "../services/offers/keys";
import { offerBundle } from "../services/offers/offering";
import { bundleReach } from "../services/offers/reach";

const tag = "offers";
const IdParam = z.object({ id: Id });

// Offering a bundle and its reach live here with the inbox: all of them are about offers.
export const offerRoutes = new Hono<AppEnv>()
  .post(
    "/bundles/:id/offers",
    doc({
      tag,
      summary: "Offer the newest published version to chosen schools and/or the subscribers of its themes (curators)",
      responses: { 201: { description: "One offer per school; repeating an offer returns the existing one", schema: CreateOffersResponse }, 409: { description: "Not published" } },
    }),
    requireUser,
    idempotent,
    valid("param", IdParam),
    valid("json", CreateOffersRequest),
    (c) => c.json({ offers: offerBundle(c.var.ctx, c.var.viewer, c.req.valid("param").id, c.req.valid("json")) }, 201),
  )
  .get(
    "/bundles/:id/reach",
    doc({ tag, summary: "Per school status and times, totals, and a daily series of opens and acceptances (curators)", responses: { 200: { description: "Reach", schema: ReachResponse } } }),
    requireUser,
    valid("param", IdParam),
    (c) => c.json(bundleReach(c.var.ctx, c.var.viewer, c.req.valid("param").id)),
  )
  .get(
    "/schools/:id/offers",
    doc({ tag, summary: "The school's inbox, newest first (members of the school)", responses: { 200: { description: "Offers", schema: InboxResponse }, 404: { description: "Not a member" } } }),
    requireUser,
    valid("param", IdParam),
    valid("query", InboxQuery),
    (c) => c.json(schoolInbox(c.var.ctx, schoolAsMember(c.var.ctx, c.var.viewer, c.req.valid("param").id), c.req.valid("query"))),
  )
  .post(
    "/offers/:id/accept",
    doc({ tag, summary: "Accept an offer (coordinators of the school)", responses: { 200: { description: "The offer", schema: OfferResponse }, 403: { description: "Not a coordinator" } } }),
    requireUser,
    valid("param", IdParam),
    (c) => c.json({ offer: respondToOffer(c.var.ctx, c.var.viewer, c.req.valid("param").id, "accepted", undefined) }),
  )
  .post(
    "/offers/:id/decline",
    doc({ tag, summary: "Decline an offer, optionally with a reason (coordinators of the school)", responses: { 200: { description: "The offer", schema: OfferResponse }, 403: { description: "Not a coordinator" } } }),
    requireUser,
    valid("param", IdParam),
    valid("json", DeclineRequest),
    (c) => c.json({ offer: respondToOffer(c.var.ctx, c.var.viewer, c.req.valid("param").id, "declined", c.req.valid("json").reason) }),
  )
  .post(
    "/offers/:id/revoke-key",
    doc({
      tag,
      summary: "Stop the offer's capability key at once: its page and feed links answer 404 like any unknown key (coordinators of the school, curators of the bundle)",
      responses: {
        200: { description: "The key's state; `url` is the bare page link", schema: OfferKeyResponse },
        403: { description: "A member who is not a coordinator" },
        404: { description: "Neither the school's coordinator nor the bundle's curator" },
      },
    }),
    requireUser,
    valid("param", IdParam),
    (c) => c.json(revokeOfferKey(c.var.ctx, c.var.viewer, c.req.valid("param").id)),
  )
  .post(
    "/offers/:id/key",
    doc({
      tag,
      summary: "Issue a new capability key for the offer, valid OFFER_KEY_DAYS from now; the old key stops (coordinators of the school, curators of the bundle)",
      responses: {
        201: { description: "The new key's page link and when it expires", schema: OfferKeyResponse },
        403: { description: "A member who is not a coordinator" },
        404: { description: "Neither the school's coordinator nor the bundle's curator" },
        409: { description: "The school declined the offer" },
      },
    }),
    requireUser,
    valid("param", IdParam),
    (c) => c.json(renewOfferKey(c.var.ctx, c.var.viewer, c.req.valid("param").id), 201),
  );
