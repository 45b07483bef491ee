import { Hono } from "hono";
import { DeleteMeRequest, DeletionResponse, ExportQuery, MeResponse, UpdateMeRequest } from "../../shared/schemas";
import { requireUser } from "../http/auth";
import type { AppEnv } from "../http/env";
import { doc } from "../http/openapi";
import { valid } from "../http/validate";
import { setOwnDisplayName } from "../services/accounts/accounts";
import { exportPersonalData, exportedSaves } from "../services/privacy/export";
import { savesAsBookmarks, savesAsCsv } from "../services/privacy/export-formats";
import { deleteOwnAccount } from "../services/privacy/deletion";

const tag = "auth";
const MEDIA_TYPES = { json: "application/json; charset=utf-8", csv: "text/csv; charset=utf-8", html: "text/html; charset=utf-8" } as const;

/** The person's own data (AVG): their name for others, a copy of everything, and deleting their account. */
export const meRoutes = new Hono<AppEnv>()
  .patch(
    "/me",
    doc({ tag, summary: "Choose the name others see (empty or null: first name and school to the public, the full name to colleagues)", responses: { 200: { description: "Me", schema: MeResponse } } }),
    requireUser,
    valid("json", UpdateMeRequest),
    (c) => c.json(setOwnDisplayName(c.var.ctx, c.var.viewer, c.req.valid("json").displayName)),
  )
  .get(
    "/me/export",
    doc({
      tag,
      summary: "Everything stored about the caller as a download: JSON (default); their saves as CSV (`format=csv`) or as a bookmark file browsers import (`format=html`)",
      responses: { 200: { description: "The export, as an attachment" } },
    }),
    requireUser,
    valid("query", ExportQuery),
    (c) => {
      const { format } = c.req.valid("query");
      const userId = c.var.viewer.user.id;
      const date = c.var.ctx.now().toISOString().slice(0, 10);
      const body =
        format === "json"
          ? JSON.stringify(exportPersonalData(c.var.ctx, userId), null, 1)
          : format === "csv"
            ? savesAsCsv(exportedSaves(c.var.ctx, userId))
            : savesAsBookmarks(exportedSaves(c.var.ctx, userId), "Knooppunt");
      c.header("Content-Type", MEDIA_TYPES[format]);
      c.header("Content-Disposition", `attachment; filename="knooppunt-${format === "json" ? "gegevens" : "bewaard"}-${date}.${format}"`);
      return c.body(body);
    },
  )
  .delete(
    "/me",
    doc({
      tag,
      summary: "Delete the caller's account: `confirm` must be their e-mail address; `sharedWork` hands saves in shared circles over as 'oud-collega' (default) or removes them",
      responses: { 200: { description: "Deleted, with counts", schema: DeletionResponse }, 409: { description: "`last_admin`: the last administrator who can sign in is not deleted" } },
    }),
    requireUser,
    valid("json", DeleteMeRequest),
    (c) => c.json({ deleted: deleteOwnAccount(c.var.ctx, c.var.viewer.user.id, c.req.valid("json")) }),
  );
