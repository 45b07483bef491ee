import { Hono } from "hono";
import type { AppEnv } from "../http/env";

// /b/:slug, the readable bundle page: filled in with the bundles work.
export const bundlePageRoutes = new Hono<AppEnv>();
