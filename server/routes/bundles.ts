import { Hono } from "hono";
import type { AppEnv } from "../http/env";

// Bundles (API.md "Bundles"): filled in with the bundles work.
export const bundleRoutes = new Hono<AppEnv>();
