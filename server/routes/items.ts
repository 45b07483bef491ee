import { Hono } from "hono";
import { z } from "zod";
import {
  BulkSavesRequest,
  BulkSavesResponse,
  CreateItemRequest,
  Id,
  ItemFacetsQuery,
  ItemFacetsResponse,
  ItemListResponse,
  ItemResponse,
  ItemSearchQuery,
  LookupQuery,
  LookupResponse,
  OutcomeRequest,
  SavedItemResponse,
  UpdateSaveRequest,
  type Item,
} from "../../shared/schemas";
import { findPupilDataIn } from "../../shared/privacy/pupil-data";
import { requireUser } from "../http/auth";
import type { AppEnv } from "../http/env";
import { doc } from "../http/openapi";
import { answerWithWrite, idempotent } from "../http/requests";
import { valid } from "../http/validate";
import { transaction } from "../db/statements";
import { bulkChangeSaves } from "../services/library/bulk";
import { countFacets } from "../services/library/facets";
import { getItem, lookupItem } from "../services/library/item-view";
import { deleteSave, saveItem, setOutcome, updateSave } from "../services/library/saves";
import { listItems } from "../services/library/search";

const tag = "items";
const IdParam = z.object({ id: Id });

/**
 * What in the saved note, quote and page text looks like pupil data, as an additive `warnings` field that
 * is left out when there is none: the web app and other clients can warn as the extension does.
 */
/** The page text's warnings are found before the write, so scanning a long page holds no clip batched with it. */
function pupilDataWarnings(item: Item, textWarnings: ReturnType<typeof findPupilDataIn> = []) {
  const warnings = [...findPupilDataIn({ note: item.mySave?.note, quote: item.mySave?.quote }), ...textWarnings];
  return warnings.length > 0 ? { warnings } : {};
}

export const itemRoutes = new Hono<AppEnv>()
  .post(
    "/items",
    doc({
      tag,
      summary: "Clip a URL into the library (one item per normalised URL, one save per person)",
      responses: {
        201: { description: "A new item for the caller; `warnings` when the note, quote or text looks like pupil data", schema: SavedItemResponse },
        200: {
          description: "The caller could already see this URL: their save was added or updated (existing: true); `warnings` as for 201",
          schema: SavedItemResponse,
        },
      },
    }),
    requireUser,
    idempotent,
    valid("json", CreateItemRequest),
    async (c) => {
      const { ctx, viewer } = c.var;
      const input = c.req.valid("json");
      const textWarnings = findPupilDataIn({ text: input.text });
      const answer = await c.var.deps.writes.run(() => {
        const { item, existing } = saveItem(ctx, viewer, input);
        const warnings = pupilDataWarnings(item, textWarnings);
        return answerWithWrite(c, existing ? { status: 200 as const, body: { item, existing: true as const, ...warnings } } : { status: 201 as const, body: { item, ...warnings } });
      });
      return answer.status === 200 ? c.json(answer.body, 200) : c.json(answer.body, 201);
    },
  )
  .get(
    "/items",
    doc({ tag, summary: "Search and browse the items the caller may see", auth: "optional", responses: { 200: { description: "A page of items", schema: ItemListResponse } } }),
    valid("query", ItemSearchQuery),
    (c) => c.json(listItems(c.var.ctx, c.var.viewer, c.req.valid("query"))),
  )
  .get(
    "/items/facets",
    doc({ tag, summary: "Counts per theme (with sub-themes), kind, sector and circle for the same filters as the list", auth: "optional", responses: { 200: { description: "Facets", schema: ItemFacetsResponse } } }),
    valid("query", ItemFacetsQuery),
    async (c) => c.json(await countFacets(c.var.ctx, c.var.viewer, c.req.valid("query"), c.var.deps.counting, () => c.req.raw.signal)),
  )
  .get(
    "/items/lookup",
    doc({ tag, summary: "The item for a URL, if the caller may see it", auth: "optional", responses: { 200: { description: "Item or null", schema: LookupResponse } } }),
    valid("query", LookupQuery),
    (c) => c.json({ item: lookupItem(c.var.ctx, c.var.viewer, c.req.valid("query").url) }),
  )
  .get(
    "/items/:id",
    doc({ tag, summary: "One item", auth: "optional", responses: { 200: { description: "Item", schema: ItemResponse }, 404: { description: "Unknown or not visible" } } }),
    valid("param", IdParam),
    (c) => c.json({ item: getItem(c.var.ctx, c.var.viewer, c.req.valid("param").id) }),
  )
  .patch(
    "/items/:id",
    doc({
      tag,
      summary: "Change the caller's own save",
      responses: { 200: { description: "Item; `warnings` when the save's note or quote looks like pupil data", schema: SavedItemResponse } },
    }),
    requireUser,
    valid("param", IdParam),
    valid("json", UpdateSaveRequest),
    (c) => {
      const item = updateSave(c.var.ctx, c.var.viewer, c.req.valid("param").id, c.req.valid("json"));
      return c.json({ item, ...pupilDataWarnings(item) });
    },
  )
  .delete(
    "/items/:id",
    doc({ tag, summary: "Delete the caller's own save; the item goes with its last save", responses: { 204: { description: "Deleted" } } }),
    requireUser,
    valid("param", IdParam),
    (c) => {
      deleteSave(c.var.ctx, c.var.viewer, c.req.valid("param").id);
      return c.body(null, 204);
    },
  )
  .put(
    "/items/:id/outcome",
    doc({ tag, summary: "Mark the item applied (toegepast) and whether it worked", responses: { 200: { description: "Item", schema: ItemResponse } } }),
    requireUser,
    valid("param", IdParam),
    valid("json", OutcomeRequest),
    (c) => c.json({ item: setOutcome(c.var.ctx, c.var.viewer, c.req.valid("param").id, c.req.valid("json")) }),
  )
  .post(
    "/saves/bulk",
    doc({
      tag,
      summary: "Change many of the caller's own saves at once: add or remove themes, move to a circle, add to a bundle, or delete — all or nothing",
      responses: {
        200: { description: "Every named save changed (`changed` counts those that were altered); the items as the caller now sees them", schema: BulkSavesResponse },
        409: { description: "`widening_needs_confirmation` (with widenedSaves, newlyVisibleTo and public beside code and message) until `confirmWidening: true`; or the bundle's `version_conflict`" },
      },
    }),
    requireUser,
    idempotent,
    valid("json", BulkSavesRequest),
    (c) => {
      const { itemIds, change } = c.req.valid("json");
      // The answer an Idempotency-Key replays is stored in the same transaction as the change.
      const answer = transaction(c.var.ctx, () => answerWithWrite(c, { status: 200 as const, body: bulkChangeSaves(c.var.ctx, c.var.viewer, itemIds, change) }));
      return c.json(answer.body, 200);
    },
  );
