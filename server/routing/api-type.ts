/**
 * The API's routes with their inputs and outputs, for `hono/client` in the extension and the tests. Only
 * its type is used (app.ts re-exports it as AppType): the running app mounts the same groups lazily
 * (groups.ts), which a type cannot follow.
 */
import { Hono } from "hono";
import type { AppEnv } from "../http/env";
import { accountRoutes, authRoutes } from "../routes/auth";
import { meRoutes } from "../routes/me";
import { adminRoutes } from "../routes/admin";
import { themeRoutes } from "../routes/themes";
import { directoryRoutes } from "../routes/directory";
import { itemRoutes } from "../routes/items";
import { bundleRoutes } from "../routes/bundles";
import { offerRoutes } from "../routes/offers";
import { subscriptionRoutes } from "../routes/subscriptions";
import { sessionRoutes } from "../routes/accounts/sessions";
import { passwordResetAdminRoutes } from "../routes/accounts/password-reset";
import { identityRoutes } from "../routes/school-accounts/identities";
import { deviceCodeRoutes } from "../routes/accounts/device-sign-in";
import { pageFactsRoutes } from "../routes/clipping/page-facts";
import { questionRoutes } from "../routes/questions/questions";
import { importRoutes } from "../routes/imports/imports";
import { exportRoutes } from "../routes/exports/exports";

function typedApi() {
  const routes = new Hono<AppEnv>()
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
  return new Hono<AppEnv>().route("/api/v1", routes);
}

export type AppType = ReturnType<typeof typedApi>;
