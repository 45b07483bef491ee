import { Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { databaseHealth } from "./db/health";
import { authenticate } from "./http/auth";
import { requireCsrf } from "./http/session";
import type { AppDependencies, AppEnv } from "./http/env";
import { handleError, notFoundHandler } from "./http/errors";
import { limitBody, requireJsonBody } from "./http/requests";
import { dropFrameOptionsWhereFramingIsAllowed } from "./pages/page-http";
import { isImportUpload } from "./routes/imports/upload";
import { API_GROUPS, PAGE_GROUPS } from "./routing/groups";
import { mountLazily } from "./routing/lazy-routes";
import { serveOpenApiDocument } from "./routing/openapi-route";
import { apiCors, setOnAnswer } from "./routing/answer-headers";
import { except } from "hono/combine";

/** Builds the HTTP app from its dependencies; tests build their own with a temporary database. */
export function createApp(deps: AppDependencies) {
  const app = new Hono<AppEnv>();
  app.onError(handleError);
  app.notFound(notFoundHandler);
  app.use(async (c, next) => {
    c.set("deps", deps);
    c.set("ctx", deps.ctx);
    await next();
  });
  app.use(dropFrameOptionsWhereFramingIsAllowed);
  app.use(secureHeaders({ crossOriginResourcePolicy: false }));

  // Described in server/routing/openapi-document.ts.
  app.get("/healthz", (c) => {
      const health = databaseHealth(deps.ctx);
      if (health.ok) return c.json({ ok: true });
      const error =
        health.database === "not_writable"
          ? { code: "database_not_writable", message: "The database answers but cannot commit a write (a full disk or a read-only file system)." }
          : { code: "database_not_answering", message: "The database does not answer." };
      return c.json({ error, ok: false, status: "degraded", database: health.database, cause: health.cause }, 503);
  });

  const api = new Hono<AppEnv>();
  // The extension calls the API from its own origin. Bearer tokens, never cookies, carry identity, so
  // allowing every origin exposes nothing a page could not already ask for without credentials.
  api.use(apiCors);
  api.use(except(isImportUpload, limitBody(deps.bodyLimitBytes)), except(isImportUpload, requireJsonBody), authenticate, requireCsrf);
  api.use(async (c, next) => {
    await next();
    // Personal data: no shared caches, unless a route says otherwise (the public taxonomy does).
    if (!c.res.headers.has("Cache-Control")) setOnAnswer(c, "Cache-Control", "private, no-store");
  });
  // Route groups are read on first use (server/routing/groups.ts lists them, in matching order).
  mountLazily(api, "/api/v1", API_GROUPS);
  app.route("/api/v1", api);
  mountLazily(app, "/", PAGE_GROUPS);
  app.get("/api/v1/openapi.json", serveOpenApiDocument);
  return app;
}

/** The API's routes with their inputs and outputs, for `hono/client` in the extension and the tests. */
export type { AppType } from "./routing/api-type";
