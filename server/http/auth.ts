import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { forbidden, unauthenticated } from "../core/errors";
import { ANONYMOUS, isAdmin } from "../core/viewer";
import { viewerForToken } from "../services/accounts/accounts";
import type { AppEnv, SignedInEnv } from "./env";
import { sessionSecret } from "./session";

/**
 * Works out who is calling: a bearer token, else the browser's session cookie. A request without either is
 * anonymous; a wrong bearer token is refused outright, while a stale cookie only makes the browser
 * anonymous again (it is sent with every request, and an ended session must not lock a page).
 */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header("Authorization");
  if (!header) {
    const secret = sessionSecret(c);
    c.set("viewer", (secret && viewerForToken(c.var.ctx, secret, "cookie")) || ANONYMOUS);
    return next();
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const viewer = match ? viewerForToken(c.var.ctx, match[1]!) : null;
  if (!viewer) throw unauthenticated("The token is missing, unknown or revoked; sign in again.");
  c.set("viewer", viewer);
  return next();
});

export const requireUser = createMiddleware<SignedInEnv>(async (c, next) => {
  if (c.var.viewer.kind !== "user") throw unauthenticated();
  return next();
});

export const requireAdmin = createMiddleware<SignedInEnv>(async (c, next) => {
  if (c.var.viewer.kind !== "user") throw unauthenticated();
  if (!isAdmin(c.var.viewer)) throw forbidden("admin_only", "Only administrators may do this.");
  return next();
});

/**
 * The caller's address for rate limiting; behind a reverse proxy the operator sets TRUST_PROXY. The last
 * X-Forwarded-For entry is the one our proxy appended: earlier entries are whatever the client sent, and
 * trusting them would let anyone pick a fresh address for every login attempt.
 */
export function clientAddress(c: Context<AppEnv>): string {
  if (c.var.deps.trustProxy) {
    const forwarded = c.req.header("X-Forwarded-For")?.split(",").map((hop) => hop.trim()).filter(Boolean).at(-1);
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown";
  }
}
