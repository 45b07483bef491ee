import { Hono } from "hono";
import { cors } from "hono/cors";
import { secureHeaders } from "hono/secure-headers";
import { DegradedResponse, HealthyResponse } from "../shared/schemas";
import { databaseHealth } from "./db/health";
import { authenticate } from "./http/auth";
import { requireCsrf } from "./http/session";
import type { AppDependencies, AppEnv } from "./http/env";
import { handleError, notFoundHandler } from "./http/errors";
import { doc, openApiDocument } from "./http/openapi";
import { limitBody, requireJsonBody } from "./http/requests";
import { adminRoutes } from "./routes/admin";
import { adminPageRoutes } from "./routes/pages/admin";
import { handOverPageRoutes } from "./routes/pages/hand-over";
import { accountRoutes, authRoutes } from "./routes/auth";
import { directoryRoutes } from "./routes/directory";
import { itemRoutes } from "./routes/items";
import { meRoutes } from "./routes/me";
import { bundlePageRoutes } from "./routes/bundle-pages";
import { bundleRoutes } from "./routes/bundles";
import { feedRoutes } from "./routes/feeds";
import { homeRoutes } from "./routes/home";
import { offerRoutes } from "./routes/offers";
import { subscriptionRoutes } from "./routes/subscriptions";
import { themeRoutes } from "./routes/themes";
import { webAuthRoutes } from "./routes/accounts/web-auth";
import { sessionRoutes } from "./routes/accounts/sessions";
import { passwordResetAdminRoutes, passwordResetPageRoutes } from "./routes/accounts/password-reset";
import { identityRoutes } from "./routes/school-accounts/identities";
import { signInRoutes } from "./routes/school-accounts/sign-in";
import { deviceCodeRoutes, devicePageRoutes } from "./routes/accounts/device-sign-in";
import { webAppRoutes } from "./routes/pages/web-app";
import { pageFactsRoutes } from "./routes/clipping/page-facts";
import { dropFrameOptionsWhereFramingIsAllowed } from "./pages/page-http";
import { teamsRoutes } from "./routes/pages/teams";
import { questionRoutes } from "./routes/questions/questions";
import { importRoutes, isImportUpload } from "./routes/imports/imports";
import { except } from "hono/combine";
import { exportRoutes } from "./routes/exports/exports";

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

  app.get(
    "/healthz",
    doc({
      tag: "health",
      summary: "Whether the server's database answers and a write can commit",
      auth: "none",
      responses: { 200: { description: "Healthy", schema: HealthyResponse }, 503: { description: "The database does not answer or cannot commit a write", schema: DegradedResponse } },
    }),
    (c) => {
      const health = databaseHealth(deps.ctx);
      if (health.ok) return c.json({ ok: true });
      const error =
        health.database === "not_writable"
          ? { code: "database_not_writable", message: "The database answers but cannot commit a write (a full disk or a read-only file system)." }
          : { code: "database_not_answering", message: "The database does not answer." };
      return c.json({ error, ok: false, status: "degraded", database: health.database, cause: health.cause }, 503);
    },
  );

  const api = new Hono<AppEnv>();
  // The extension calls the API from its own origin. Bearer tokens, never cookies, carry identity, so
  // allowing every origin exposes nothing a page could not already ask for without credentials.
  api.use(
    cors({
      origin: "*",
      allowMethods: ["GET", "POST", "PUT", "PATCH", "DELETE"],
      allowHeaders: ["Authorization", "Content-Type", "Idempotency-Key"],
      exposeHeaders: ["Retry-After", "Idempotent-Replayed"],
      maxAge: 86_400,
    }),
  );
  api.use(except(isImportUpload, limitBody(deps.bodyLimitBytes)), except(isImportUpload, requireJsonBody), authenticate, requireCsrf);
  api.use(async (c, next) => {
    await next();
    // Personal data: no shared caches, unless a route says otherwise (the public taxonomy does).
    if (!c.res.headers.has("Cache-Control")) c.header("Cache-Control", "private, no-store");
  });
  const routes = api
    .route("/", authRoutes)
    .route("/", accountRoutes)
    .route("/", meRoutes)
    .route("/", adminRoutes)
    .route("/", themeRoutes)
    .route("/", directoryRoutes)
    .route("/", itemRoutes)
    .route("/", bundleRoutes)
    .route("/", offerRoutes)
    .route("/", subscriptionRoutes)
    .route("/", sessionRoutes)
    .route("/", passwordResetAdminRoutes)
    .route("/", identityRoutes)
    .route("/", deviceCodeRoutes)
    .route("/", pageFactsRoutes)
    .route("/", questionRoutes)
    .route("/", importRoutes)
    .route("/", exportRoutes);
  const typed = app.route("/api/v1", routes);
  app.route("/", bundlePageRoutes);
  app.route("/", feedRoutes);
  app.route("/", homeRoutes);
  app.route("/", webAuthRoutes);
  app.route("/", passwordResetPageRoutes);
  app.route("/", signInRoutes);
  app.route("/", devicePageRoutes);
  app.route("/", adminPageRoutes);
  app.route("/", webAppRoutes);
  app.route("/", teamsRoutes);
  // After the administration's pages: their /admin/* guards (web session, administrator, CSRF) run first.
  app.route("/", handOverPageRoutes);
  app.get("/api/v1/openapi.json", openApiDocument(app as never));
  return typed;
}

/** The API's routes with their inputs and outputs, for `hono/client` in the extension and the tests. */
export type AppType = ReturnType<typeof createApp>;
