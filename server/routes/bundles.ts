import { Hono } from "hono";
import { z } from "zod";
import {
  BrokersResponse,
  BundleItemsRequest,
  BundleListQuery,
  BundleListResponse,
  BundleResponse,
  CreateBundleRequest,
  CuratorRequest,
  PublishBlocked,
  PublishRequest,
  UpdateBundleRequest,
  VersionConflict,
} from "../../shared/schemas";
import { Id } from "../../shared/schemas";
import { invalid } from "../core/errors";
import { requireUser } from "../http/auth";
import type { AppEnv } from "../http/env";
import { doc } from "../http/openapi";
import { idempotent } from "../http/requests";
import { valid } from "../http/validate";
import { addCurator, listBrokers, removeCurator, transferOwnership } from "../services/bundles/curators";
import { createBundle, deleteBundle, setBundleItems, updateBundle } from "../services/bundles/editing";
import { publishBundle } from "../services/bundles/publishing";
import { getBundle, listBundles } from "../services/bundles/view";

const tag = "bundles";

/**
 * `If-Match: 3` (or `"3"`, `W/"3"`): the bundle version a change is based on; `*` names no version in
 * particular. Anything else is a 400, not a silently ignored precondition. Read by hand rather than with
 * a header validator, which would make the header a required argument of every typed client call.
 */
const IfMatch = z
  .string()
  .regex(/^\s*(\*|(W\/)?"?\d{1,9}"?)\s*$/, "a bundle version such as 3 or \"3\"")
  .transform((value) => (value.trim() === "*" ? undefined : Number(value.replace(/\D/g, ""))))
  .optional();

function ifMatchVersion(header: string | undefined): number | undefined {
  const parsed = IfMatch.safeParse(header);
  if (!parsed.success) throw invalid("invalid_request", "The request headers are not valid.", [{ path: ["If-Match"], message: parsed.error.issues[0]!.message }]);
  return parsed.data;
}

/** The bare list takes its version from If-Match; the object form carries its own (If-Match, if sent, must agree). */
function itemsChange(body: z.output<typeof BundleItemsRequest>, ifMatch: number | undefined) {
  if (Array.isArray(body)) return { version: ifMatch, items: body };
  if (ifMatch !== undefined && ifMatch !== body.version) {
    throw invalid("version_mismatch", "If-Match and the body name different versions; send one.", [{ path: ["If-Match"], message: "differs from version" }]);
  }
  return body;
}

const IdParam = z.object({ id: Id });
const CuratorParam = z.object({ id: Id, userId: Id });

export const bundleRoutes = new Hono<AppEnv>()
  .post(
    "/bundles",
    doc({ tag, summary: "Create a draft bundle (brokers)", responses: { 201: { description: "The draft", schema: BundleResponse }, 403: { description: "Not a broker" } } }),
    requireUser,
    idempotent,
    valid("json", CreateBundleRequest),
    (c) => c.json({ bundle: createBundle(c.var.ctx, c.var.viewer, c.req.valid("json")) }, 201),
  )
  .get(
    "/bundles",
    doc({
      tag,
      summary: "The caller's bundles as curator, and the published bundles in the caller's audience",
      auth: "optional",
      responses: { 200: { description: "A page of bundles", schema: BundleListResponse } },
    }),
    valid("query", BundleListQuery),
    (c) => c.json(listBundles(c.var.ctx, c.var.viewer, c.req.valid("query"))),
  )
  .get(
    "/bundles/:id",
    doc({
      tag,
      summary: "One bundle: the working copy for curators, the published snapshot for everyone else",
      auth: "optional",
      responses: { 200: { description: "Bundle", schema: BundleResponse }, 404: { description: "Unknown, a draft, or outside the caller's audience" } },
    }),
    valid("param", IdParam),
    (c) => c.json({ bundle: getBundle(c.var.ctx, c.var.viewer, c.req.valid("param").id) }),
  )
  .patch(
    "/bundles/:id",
    doc({
      tag,
      summary: "Change the working copy (curators), based on the version last read",
      responses: { 200: { description: "Bundle", schema: BundleResponse }, 403: { description: "Not a curator" }, 409: { description: "Stale version", schema: VersionConflict } },
    }),
    requireUser,
    valid("param", IdParam),
    valid("json", UpdateBundleRequest),
    (c) => c.json({ bundle: updateBundle(c.var.ctx, c.var.viewer, c.req.valid("param").id, c.req.valid("json")) }),
  )
  .delete(
    "/bundles/:id",
    doc({ tag, summary: "Delete a bundle, its versions and its offers (curators)", responses: { 204: { description: "Deleted" }, 403: { description: "Not a curator" } } }),
    requireUser,
    valid("param", IdParam),
    (c) => {
      deleteBundle(c.var.ctx, c.var.viewer, c.req.valid("param").id);
      return c.body(null, 204);
    },
  )
  .put(
    "/bundles/:id/items",
    doc({
      tag,
      summary:
        "Replace the ordered item list with a note per item (curators): the bare list [{itemId, note}] with the bundle's version in If-Match, or {version, items}; without a version the list replaces the current one",
      responses: { 200: { description: "Bundle", schema: BundleResponse }, 409: { description: "Stale version", schema: VersionConflict } },
      headers: [{ name: "If-Match", description: "The bundle version the list is based on (3, \"3\" or *); with the bare list only" }],
    }),
    requireUser,
    valid("param", IdParam),
    valid("json", BundleItemsRequest),
    (c) => c.json({ bundle: setBundleItems(c.var.ctx, c.var.viewer, c.req.valid("param").id, itemsChange(c.req.valid("json"), ifMatchVersion(c.req.header("If-Match")))) }),
  )
  .post(
    "/bundles/:id/curators",
    doc({
      tag,
      summary: "Add a co-curator (another broker)",
      responses: { 201: { description: "Added", schema: BundleResponse }, 200: { description: "Already a curator", schema: BundleResponse } },
    }),
    requireUser,
    idempotent,
    valid("param", IdParam),
    valid("json", CuratorRequest),
    (c) => {
      const { bundle, added } = addCurator(c.var.ctx, c.var.viewer, c.req.valid("param").id, c.req.valid("json").userId);
      return c.json({ bundle }, added ? 201 : 200);
    },
  )
  .delete(
    "/bundles/:id/curators/:userId",
    doc({
      tag,
      summary: "Remove a co-curator (the owner only), or step down as a co-curator; the owner is never removed",
      responses: {
        204: { description: "Removed" },
        403: { description: "A co-curator removing someone else (owner_only)" },
        409: { description: "The last curator (last_curator), or the owner (owner_stays)" },
      },
    }),
    requireUser,
    valid("param", CuratorParam),
    (c) => {
      const { id, userId } = c.req.valid("param");
      removeCurator(c.var.ctx, c.var.viewer, id, userId);
      return c.body(null, 204);
    },
  )
  .post(
    "/bundles/:id/owner",
    doc({
      tag,
      summary: "Hand the bundle to a co-curator (the owner only); the former owner stays on as a co-curator",
      responses: {
        200: { description: "The bundle with its new owner", schema: BundleResponse },
        400: { description: "Not a co-curator of this bundle, or no longer a broker" },
        403: { description: "Not the owner (owner_only)" },
      },
    }),
    requireUser,
    valid("param", IdParam),
    valid("json", CuratorRequest),
    (c) => c.json({ bundle: transferOwnership(c.var.ctx, c.var.viewer, c.req.valid("param").id, c.req.valid("json").userId) }),
  )
  .post(
    "/bundles/:id/publish",
    doc({
      tag,
      summary: "Publish the working copy as a new version; every item must be visible to the bundle's audience",
      responses: {
        200: { description: "Published", schema: BundleResponse },
        409: { description: "Items block publication (items_not_visible), or a stale version", schema: PublishBlocked },
      },
    }),
    requireUser,
    idempotent,
    valid("param", IdParam),
    valid("json", PublishRequest),
    (c) => c.json({ bundle: publishBundle(c.var.ctx, c.var.viewer, c.req.valid("param").id, c.req.valid("json")) }),
  )
  .get(
    "/brokers",
    doc({ tag, summary: "Brokers who can be added as co-curators (brokers only)", responses: { 200: { description: "Brokers", schema: BrokersResponse } } }),
    requireUser,
    (c) => c.json({ brokers: listBrokers(c.var.ctx, c.var.viewer) }),
  );
