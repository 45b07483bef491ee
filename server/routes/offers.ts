import { Hono } from "hono";
import type { AppEnv } from "../http/env";

// A school's inbox and acting on offers (API.md "Schools: inbox"): filled in with the bundles work.
export const offerRoutes = new Hono<AppEnv>();
