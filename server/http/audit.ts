import { createMiddleware } from "hono/factory";
import { recordAdminAction } from "../services/privacy/audit-log";
import type { SignedInEnv } from "./env";

/**
 * Records a successful administrator action in the audit log: the acting administrator by id, what was
 * done, and to which record (the route's :id, or the id of what was created). Ids only, never names.
 */
export const audited = (action: string, subjectKind: string) =>
  createMiddleware<SignedInEnv>(async (c, next) => {
    await next();
    if (c.res.status >= 400) return;
    // Themes are known by their slug, everything else by its id.
    let subjectId = c.req.param("id") ?? c.req.param("slug") ?? null;
    if (!subjectId && c.res.headers.get("Content-Type")?.includes("json")) {
      const body = (await c.res.clone().json().catch(() => null)) as Record<string, { id?: unknown; slug?: unknown }> | null;
      const created = body?.[subjectKind]?.id ?? body?.[subjectKind]?.slug;
      subjectId = typeof created === "string" ? created : null;
    }
    const member = c.req.param("userId");
    recordAdminAction(c.var.ctx, { kind: "admin", userId: c.var.viewer.user.id }, { action, subjectKind, subjectId, details: member ? { userId: member } : {} });
  });
