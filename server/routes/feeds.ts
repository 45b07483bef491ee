import { Hono } from "hono";
import type { AppEnv } from "../http/env";

// /feeds/* and /t/:slug: filled in with the feeds work.
export const feedRoutes = new Hono<AppEnv>();
