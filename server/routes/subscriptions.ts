import { Hono } from "hono";
import type { AppEnv } from "../http/env";

// Subscriptions, feed URLs and webhooks of a school (API.md "Schools"): filled in with the feeds work.
export const subscriptionRoutes = new Hono<AppEnv>();
